package org.homeroom.platform;

/**
 * A module's contribution to the demo district. Every contribution runs once, in one transaction,
 * the first time Homeroom starts in demo mode; order them with {@link org.springframework.core.annotation.Order}
 * when one module's demo data refers to another's.
 */
public interface DemoData {

	void seed();
}
