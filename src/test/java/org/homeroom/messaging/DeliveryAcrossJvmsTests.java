package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.HomeroomApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery guarantees with real processes: Homeroom nodes in JVMs of their own, on one
 * PostgreSQL, handing e-mail to a real SMTP server (GreenMail, on loopback). One test kills a node
 * with SIGKILL in the middle of an announcement and starts another; one runs two nodes at once.
 */
class DeliveryAcrossJvmsTests {

	private static final int FAMILIES = 1_500;

	/** Each node's output, kept under target/ so that a failure can be read. */
	private final Path logs = Path.of("target", "delivery-nodes");

	private EmbeddedPostgres postgres;

	private GreenMail smtp;

	private final List<Process> nodes = new ArrayList<>();

	@BeforeEach
	void aDatabaseAndAMailServer() throws IOException {
		java.nio.file.Files.createDirectories(logs);
		postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
		smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
	}

	@AfterEach
	void stopEverything() throws IOException, InterruptedException {
		for (Process node : nodes) {
			node.destroyForcibly().waitFor();
		}
		smtp.stop();
		postgres.close();
	}

	@Test
	void afterANodeIsKilledMidDeliveryEveryFamilyGetsTheMessageAndOnlyRowsInFlightGoTwice() throws Exception {
		Process first = startNode("first");
		aDistrictAndAnUrgentAnnouncementToIt();
		await().atMost(Duration.ofMinutes(3)).until(() -> smtp.getReceivedMessages().length >= FAMILIES / 4);

		first.destroyForcibly().waitFor();
		int beforeTheKill = smtp.getReceivedMessages().length;
		assertThat(beforeTheKill).as("the kill came mid-delivery").isLessThan(FAMILIES);
		startNode("second");

		await().atMost(Duration.ofMinutes(4)).until(() -> count("select count(*) from messaging.delivery where status = 'SENT'") == FAMILIES);
		Map<String, Integer> copies = copiesByRecipient();
		assertThat(copies).hasSize(FAMILIES);
		Set<String> twice = new HashSet<>();
		copies.forEach((recipient, n) -> {
			if (n > 1) {
				twice.add(recipient);
			}
		});
		Set<String> marked = new HashSet<>(strings("select address from messaging.delivery where resent_after_crash"));
		assertThat(marked).as("the rows in flight at the kill are marked").containsAll(twice);
		assertThat(copies.values()).allMatch(n -> n <= 2);
		assertThat(sameMessageIdForEachCopy()).isTrue();
	}

	@Test
	void twoNodesDeliverOneAnnouncementTogetherWithoutDuplicates() throws Exception {
		startNode("one");
		startNode("two");
		aDistrictAndAnUrgentAnnouncementToIt();

		await().atMost(Duration.ofMinutes(4)).until(() -> count("select count(*) from messaging.delivery where status = 'SENT'") == FAMILIES);
		await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= FAMILIES);
		Map<String, Integer> copies = copiesByRecipient();
		assertThat(copies).hasSize(FAMILIES);
		assertThat(copies.values()).containsOnly(1);
		assertThat(count("select count(distinct claimed_by) from messaging.delivery")).as("both nodes took part").isEqualTo(2);
	}

	/** A node: Homeroom itself, in its own JVM, on the shared database and mail server. */
	private Process startNode(String name) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-cp", System.getProperty("java.class.path"), HomeroomApplication.class.getName(),
				"--server.port=0", "--homeroom.platform.database.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--homeroom.platform.database.username=postgres", "--homeroom.platform.database.password=",
				"--homeroom.mail.host=127.0.0.1", "--homeroom.mail.port=" + smtp.getSmtp().getPort(),
				"--homeroom.mail.from=Riverside Schools <homeroom@riverside.example>",
				"--homeroom.messaging.emails-per-second=60", "--homeroom.messaging.batch-size=20",
				"--homeroom.messaging.node-timeout=10s", "--homeroom.platform.data-directory=" + logs.resolve(name)));
		Process node = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logs.resolve(name + ".log").toFile())
			.start();
		nodes.add(node);
		Path log = logs.resolve(name + ".log");
		await().atMost(Duration.ofMinutes(4)).until(() -> !node.isAlive()
				|| java.nio.file.Files.readString(log).contains("Started " + HomeroomApplication.class.getSimpleName()));
		assertThat(node.isAlive()).as("node %s started (log: %s)", name, logs.resolve(name + ".log")).isTrue();
		return node;
	}

	private void aDistrictAndAnUrgentAnnouncementToIt() throws SQLException {
		execute("""
				insert into directory.school (id, name, kind) values ('00000000-0000-0000-0000-0000000000a1', 'Crash Middle', 'MIDDLE');
				insert into directory.student (id, given_name, family_name, grade)
				  select md5('s' || i)::uuid, 'Kid' || i, 'Crash', '07' from generate_series(1, %1$d) i;
				insert into directory.enrolment (id, student_id, school_id, starts_on)
				  select md5('e' || i)::uuid, md5('s' || i)::uuid, '00000000-0000-0000-0000-0000000000a1', current_date - 30
				  from generate_series(1, %1$d) i;
				insert into directory.guardian (id, given_name, family_name)
				  select md5('g' || i)::uuid, 'Parent' || i, 'Crash' from generate_series(1, %1$d) i;
				insert into directory.guardianship (guardian_id, student_id, relationship)
				  select md5('g' || i)::uuid, md5('s' || i)::uuid, 'PARENT' from generate_series(1, %1$d) i;
				insert into directory.contact_point (id, guardian_id, kind, value, valid, position)
				  select md5('c' || i)::uuid, md5('g' || i)::uuid, 'EMAIL', 'parent' || i || '@families.test', true, 0
				  from generate_series(1, %1$d) i;
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience,
				                                    status, scheduled_at, created_at)
				values (gen_random_uuid(), 'crash.admin@district.test', '{DISTRICT_ADMIN}', 'Snow day', 'School is closed today.',
				        'URGENT', '{EMAIL}', '{"district": true}', 'SCHEDULED', now(), now());""".formatted(FAMILIES));
	}

	private Map<String, Integer> copiesByRecipient() throws MessagingException {
		Map<String, Integer> copies = new HashMap<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			copies.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
		}
		return copies;
	}

	/** A second copy is the same message to the receiving server: same Message-ID as the first. */
	private boolean sameMessageIdForEachCopy() throws MessagingException {
		Map<String, Set<String>> ids = new HashMap<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			ids.computeIfAbsent(message.getAllRecipients()[0].toString(), key -> new HashSet<>()).add(message.getMessageID());
		}
		return ids.values().stream().allMatch(set -> set.size() == 1);
	}


	private long count(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private List<String> strings(String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		return values;
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
