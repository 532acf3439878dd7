package org.homeroom;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Homeroom on a real port, in demo mode, behind a trusted proxy at 127.0.0.1 (other loopback
 * addresses, such as 127.0.0.2, count as untrusted clients). As in any demo, it listens on 127.0.0.1
 * only. The browser tests and the tests of
 * headers that only a real server sets share this one context. Quiet hours are off, so that what a
 * test sends arrives whatever the hour the tests run at.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "homeroom.demo.enabled=true", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
				"homeroom.messaging.quiet-hours-start=00:00", "homeroom.messaging.quiet-hours-end=00:00" })
public @interface ServerTest {
}
