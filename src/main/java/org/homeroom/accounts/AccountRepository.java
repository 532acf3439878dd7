package org.homeroom.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AccountRepository extends JpaRepository<Account, UUID> {

	Optional<Account> findByUsername(String username);

	boolean existsByUsername(String username);

	List<Account> findByUsernameIn(Collection<String> usernames);

	/** Staff accounts only: a family's sign-in name starts with {@code family:}. */
	@Query("select a from Account a where a.username not like 'family:%' order by lower(a.displayName), a.username")
	List<Account> findStaff();

	@Query("select count(distinct a) from Account a join a.roles r where a.active = true and r = :role")
	long countActiveHolding(Role role);

	@Query("select distinct a from Account a join a.roles r where a.active = true and r = :role")
	List<Account> findActiveHolding(Role role);
}
