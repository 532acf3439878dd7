package org.homeroom.messaging.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

	/** Until conversations route texts, each one waits for the school office, where it is stored. */
	@Bean
	@ConditionalOnMissingBean(InboundTexts.class)
	InboundTexts officeQueue() {
		return text -> log.debug("Text {} waits for the school office", text.id());
	}
}
