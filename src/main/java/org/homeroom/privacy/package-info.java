/**
 * Privacy records: the access log of every disclosure of student records (FERPA), fed by the
 * directory's {@link org.homeroom.directory.StudentRecordsAccessed} events and read by
 * administrators over the API and on a page of its own; consents and retention later.
 *
 * <p>Depends on {@code shared}, {@code platform} and {@code directory}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "directory" })
package org.homeroom.privacy;
