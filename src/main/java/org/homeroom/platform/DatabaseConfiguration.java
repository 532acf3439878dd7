package org.homeroom.platform;

import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One DataSource, on an external PostgreSQL when {@code HOMEROOM_DB_URL} is set and on the
 * embedded one otherwise. Both are plain PostgreSQL, so the SQL is the same.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${homeroom.platform.database.url:}'.isBlank()")
	EmbeddedPostgresServer embeddedPostgresServer(PlatformSettings settings) {
		return EmbeddedPostgresServer.start(settings.dataDirectory());
	}

	// The embedded server is an eager parameter so that Spring closes the pool before the server.
	@Bean(destroyMethod = "close")
	DataSource dataSource(PlatformSettings settings, Optional<EmbeddedPostgresServer> embedded) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("homeroom");
		PlatformSettings.Database database = settings.database();
		if (database.external()) {
			dataSource.setJdbcUrl(database.url());
			dataSource.setUsername(database.username());
			dataSource.setPassword(database.password());
		}
		else {
			EmbeddedPostgresServer server = embedded.orElseThrow();
			dataSource.setJdbcUrl(server.jdbcUrl());
			dataSource.setUsername(server.username());
			dataSource.setPassword(server.password());
		}
		return dataSource;
	}
}
