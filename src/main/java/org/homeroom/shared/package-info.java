/**
 * Value types every module may use: languages, e-mail addresses, the staff roles and the like. Open
 * to all modules, depends on none, and holds no behaviour beyond validating and normalising its values.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.homeroom.shared;
