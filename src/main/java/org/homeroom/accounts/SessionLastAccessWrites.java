package org.homeroom.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The session store as the session filter sees it: Spring Session's JDBC store, except that a
 * session's last access is written at most once a {@link #PRECISION minute}. Spring Session marks
 * a session changed on every request, because each one moves its last access, and so every page
 * paid for an update of the session row and its flushing commit: the dearest statement of a family's
 * home page. Sessions live for {@code spring.session.timeout} (8 hours) after their last access, so
 * a last access up to a minute old ends a session that was idle that long at most a minute early;
 * a request that changes anything else (an attribute, the id at sign-in) writes the row as before,
 * with the last access it carries.
 *
 * <p>It wraps the store Spring Boot configures ({@code spring.session.*}) rather than replacing it
 * (see {@code AccountsConfiguration}): a session repository bean of our own would switch Boot's
 * JDBC session configuration off.
 */
class SessionLastAccessWrites implements SessionRepository<SessionLastAccessWrites.StoredSession> {

	/** How stale the stored last access may be: a minute of an 8-hour session. */
	static final Duration PRECISION = Duration.ofMinutes(1);

	private final SessionRepository<Session> store;

	@SuppressWarnings("unchecked")
	SessionLastAccessWrites(JdbcIndexedSessionRepository store) {
		// The JDBC store's session class is its own (package-private), so it is held by its interface.
		this.store = (SessionRepository<Session>) (SessionRepository<? extends Session>) store;
	}

	@Override
	public StoredSession createSession() {
		return new StoredSession(store.createSession(), true);
	}

	@Override
	public void save(StoredSession session) {
		store.save(session.stored);
	}

	@Override
	public StoredSession findById(String id) {
		Session found = store.findById(id);
		return found == null ? null : new StoredSession(found, false);
	}

	@Override
	public void deleteById(String id) {
		store.deleteById(id);
	}

	/** A stored session whose last access moves only when it is a minute or more behind. */
	static final class StoredSession implements Session {

		private final Session stored;

		private final boolean fresh;

		StoredSession(Session stored, boolean fresh) {
			this.stored = stored;
			this.fresh = fresh;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (fresh || !lastAccessedTime.isBefore(stored.getLastAccessedTime().plus(PRECISION))) {
				stored.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return stored.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return stored.getId();
		}

		@Override
		public String changeSessionId() {
			return stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			stored.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			stored.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return stored.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return stored.isExpired();
		}
	}
}
