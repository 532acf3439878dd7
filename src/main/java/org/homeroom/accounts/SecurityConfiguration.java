package org.homeroom.accounts;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.homeroom.accounts.tokens.ApiTokenAuthenticationFilter;
import org.homeroom.accounts.tokens.ApiTokens;
import org.homeroom.accounts.twostep.TwoStepGate;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.LanguageParameter;
import org.homeroom.platform.SecurityHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Four filter chains. Providers' webhooks check their own signatures. Issuing a token with a
 * password (HTTP Basic) is a narrow door that exists only in demo mode or when an administrator
 * opens it. The rest of the API takes bearer tokens
 * and no cookies, so it needs no CSRF protection. Pages use a database-backed session, a sign-in
 * form, and CSRF tokens on every form. In the last three, {@link TwoStepGate} holds staff who owe a
 * second factor.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final String BASIC_CHALLENGE = "Basic realm=\"homeroom\"";

	static final Duration REMEMBERED_FOR = Duration.ofDays(90);

	/**
	 * Providers' webhooks ({@code /webhooks/<provider>/…}): nobody signs in and no cookie is sent, so
	 * there is no session and no CSRF token; each endpoint checks the provider's signature itself
	 * before it reads anything.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain webhookChain(HttpSecurity http) {
		http.securityMatcher("/webhooks/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		SecurityHeaders.apply(http);
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain tokenIssueChain(HttpSecurity http, ProblemResponses problems, AccountsSettings settings,
			DemoSettings demo, TwoStepGate twoStep, BasicSignInLockout lockout) {
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/tokens"))
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.addFilterBefore(twoStep.passwordTokenIssue(), AuthorizationFilter.class)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthorized(BASIC_CHALLENGE))
				.accessDeniedHandler(problems.forbidden()));
		if (demo.enabled() || settings.basicTokenIssue()) {
			// The same lockout as the sign-in form: counted before the password check, logged after it.
			http.addFilterBefore(lockout.beforePasswordCheck(), BasicAuthenticationFilter.class)
				.addFilterAfter(lockout.afterRightPassword(), BasicAuthenticationFilter.class)
				.httpBasic(basic -> basic
					.authenticationEntryPoint(lockout.onWrongPassword(problems.unauthorized(BASIC_CHALLENGE))));
		}
		SecurityHeaders.apply(http);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, ProblemResponses problems, TwoStepGate twoStep) {
		http.securityMatcher("/api/**")
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems), AnonymousAuthenticationFilter.class)
			.addFilterBefore(twoStep.api(), AuthorizationFilter.class)
			.authorizeHttpRequests(requests -> requests.requestMatchers("/api/v1/auth/**")
				.permitAll()
				.requestMatchers("/api/v1/me/contacts", "/api/v1/me/contacts/**")
				.hasRole(Role.FAMILY.name())
				.anyRequest()
				.authenticated())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint(problems.unauthorized(ApiTokenAuthenticationFilter.CHALLENGE))
				.accessDeniedHandler(problems.forbidden()));
		SecurityHeaders.apply(http);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain pageChain(HttpSecurity http, PersistentTokenBasedRememberMeServices rememberMeServices,
			SignInLockout lockout, TwoStepGate twoStep) {
		http.authorizeHttpRequests(requests -> requests.requestMatchers(SecurityHeaders.PUBLIC_PATHS)
			.permitAll()
			.requestMatchers(SecurityHeaders.DEV_OUTBOX_PATHS)
			.permitAll()
			.requestMatchers("/sign-in", "/family/sign-in", "/family/sign-in/**")
			.permitAll()
			.requestMatchers("/invitation/*", "/password-reset", "/password-reset/*")
			.permitAll()
			// A long text's link: the one-time code texted to the phone is the authority.
			.requestMatchers("/t/*", "/t/*/code")
			.permitAll()
			.requestMatchers("/admin/accounts", "/admin/accounts/**")
			.hasAnyRole(Role.DISTRICT_ADMIN.name(), Role.SCHOOL_ADMIN.name())
			.requestMatchers("/security-log", "/admin/two-step/**")
			.hasRole(Role.DISTRICT_ADMIN.name())
			.requestMatchers("/welcome", "/welcome/**")
			.hasRole(Role.FAMILY.name())
			.anyRequest()
			.authenticated())
			.addFilterBefore(lockout.filter(), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(twoStep.pages(), AuthorizationFilter.class)
			.formLogin(form -> form.loginPage("/sign-in")
				.usernameParameter("email")
				.failureHandler(lockout.onFailure())
				.successHandler(lockout.onSuccess()))
			.rememberMe(remember -> remember.rememberMeServices(rememberMeServices))
			// A page asked for before sign-in with ?lang= leads to a sign-in page in that language.
			.exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/sign-in") {
				@Override
				protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
						AuthenticationException exception) {
					return LanguageParameter.keep("/sign-in", request);
				}
			}))
			.logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signed-out"));
		SecurityHeaders.apply(http);
		return http.build();
	}
}
