package org.homeroom.accounts;

import java.lang.reflect.Proxy;
import java.time.Clock;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** {@link Accounts} over a database that has no accounts yet, as a new district's has, without Spring. */
public final class NoAccountsYet {

	private NoAccountsYet() {
	}

	public static Accounts accounts() {
		AccountRepository none = (AccountRepository) Proxy.newProxyInstance(AccountRepository.class.getClassLoader(),
				new Class<?>[] { AccountRepository.class }, (proxy, method, arguments) -> switch (method.getName()) {
					case "count" -> 0L;
					case "existsByUsername" -> false;
					case "save" -> arguments[0];
					default -> throw new UnsupportedOperationException(method.getName());
				});
		return new Accounts(none, PasswordEncoderFactories.createDelegatingPasswordEncoder(), Clock.systemUTC());
	}
}
