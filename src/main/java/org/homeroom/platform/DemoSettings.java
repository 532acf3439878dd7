package org.homeroom.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo mode seeds a demo district once and shows every outgoing message in the development
 * outbox. It defaults to on for the embedded database and off for an external one (see
 * {@link PlatformEnvironmentDefaults}).
 */
@ConfigurationProperties("homeroom.demo")
public record DemoSettings(boolean enabled) {
}
