package org.homeroom.messaging;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** What a logger and those below it wrote while a test ran, to check what a log line says and what it never says. */
final class CapturedLog implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	CapturedLog(String name) {
		this.logger = (Logger) LoggerFactory.getLogger(name);
		appender.start();
		logger.addAppender(appender);
	}

	List<ILoggingEvent> events() {
		synchronized (appender) {
			return List.copyOf(appender.list);
		}
	}

	@Override
	public void close() {
		logger.detachAppender(appender);
		appender.stop();
	}
}
