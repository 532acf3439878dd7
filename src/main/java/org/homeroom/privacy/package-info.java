/**
 * Privacy records: the access log of every disclosure of student records (FERPA), fed by the
 * directory's {@link org.homeroom.directory.StudentRecordsAccessed} events (and their
 * {@link org.homeroom.directory.StudentRecordsAccessedTogether} for a page of several reads) and read by
 * administrators over the API and on a page of its own. The log keeps its own retention period, a
 * district setting ({@code homeroom.privacy.access-log-retention}). Consents come later.
 *
 * <p>Depends on {@code shared}, {@code platform} and {@code directory}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "directory" })
package org.homeroom.privacy;
