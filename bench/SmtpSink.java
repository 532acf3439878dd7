import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local SMTP server for bench/send-announcement.sh: it speaks just enough SMTP to accept each
 * message (250 after the DATA), counts them and keeps nothing, so that the receiving side is not
 * what limits the hand-off rate being measured. Prints the count when stopped.
 *
 *   java bench/SmtpSink.java 2525
 */
public class SmtpSink {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args.length > 0 ? args[0] : "2525");
		AtomicLong messages = new AtomicLong();
		AtomicLong connections = new AtomicLong();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
				"smtp sink: messages_accepted=%d connections=%d%n", messages.get(), connections.get())));
		ExecutorService threads = Executors.newCachedThreadPool();
		try (ServerSocket server = new ServerSocket(port, 100, InetAddress.getLoopbackAddress())) {
			System.out.println("smtp sink listening on 127.0.0.1:" + port);
			while (true) {
				Socket socket = server.accept();
				connections.incrementAndGet();
				threads.execute(() -> serve(socket, messages));
			}
		}
	}

	private static void serve(Socket socket, AtomicLong messages) {
		try (socket) {
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1), 65536);
			OutputStream out = socket.getOutputStream();
			reply(out, "220 localhost ESMTP sink");
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
				switch (command) {
					case "EHLO" -> reply(out, "250-localhost\r\n250 8BITMIME");
					case "DATA" -> {
						reply(out, "354 end with <CRLF>.<CRLF>");
						while ((line = in.readLine()) != null && !line.equals(".")) {
							// the message is read and dropped
						}
						messages.incrementAndGet();
						reply(out, "250 accepted");
					}
					case "QUIT" -> {
						reply(out, "221 bye");
						return;
					}
					default -> reply(out, "250 ok");
				}
			}
		}
		catch (Exception ex) {
			// a client that went away mid-message: nothing to count
		}
	}

	private static void reply(OutputStream out, String text) throws java.io.IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}
}
