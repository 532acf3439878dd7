/**
 * The start page after sign-in, which begins with what needs the reader: for a family, the urgent
 * messages it has not read, then the welcome if it is unfinished, the newest messages about its
 * children and a card for each child with the child's teachers; for staff, the replies waiting for
 * an answer, the tasks due and the last announcements with how many families read them. Others
 * (partners) get the map of the places the navigation leads to.
 *
 * <p>It only reads, through the public queries of the modules that own the data, so the access
 * policy and the access log apply as on those modules' own pages. Depends on {@code shared},
 * {@code platform}, {@code directory}, {@code accounts} (whether a family's welcome is settled),
 * {@code messaging} and {@code tasks}; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "shared", "platform", "directory", "accounts", "messaging", "messaging::conversations", "tasks" })
package org.homeroom.home;
