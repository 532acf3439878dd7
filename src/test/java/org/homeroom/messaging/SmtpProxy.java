package org.homeroom.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands between Homeroom and a real SMTP server (GreenMail, which cannot say how many connections
 * it took, nor refuse a recipient): it passes the conversation through, keeps the recipients each
 * connection carried, answers 550 for a recipient it is told to refuse (451, once, for one it is told
 * to put off, as a greylisting server does), and, once, cuts a
 * connection when it has carried a given number of messages, as a server that goes away mid-batch,
 * or that takes only so many messages a connection, would.
 */
final class SmtpProxy implements AutoCloseable {

	private static final Pattern RCPT = Pattern.compile("RCPT TO:\\s?<([^>]*)>.*", Pattern.CASE_INSENSITIVE);

	private final ServerSocket server;

	private final int target;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<List<String>> connections = new CopyOnWriteArrayList<>();

	private final Set<String> refused = ConcurrentHashMap.newKeySet();

	private final Set<String> putOff = ConcurrentHashMap.newKeySet();

	private final AtomicInteger cutAfter = new AtomicInteger(-1);

	SmtpProxy(int target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		threads.execute(this::accept);
	}

	int port() {
		return server.getLocalPort();
	}

	void refuse(String recipient) {
		refused.add(recipient);
	}

	/** The next message to this recipient is answered 451, a transient refusal; the ones after it pass. */
	void putOffOnce(String recipient) {
		putOff.add(recipient);
	}

	/** The next connection to have carried this many messages is cut at the one after. */
	void cutOnceAfter(int messages) {
		cutAfter.set(messages);
	}

	/** For each connection since the last {@link #forget()}, the recipients it passed on to the server. */
	List<List<String>> recipientsByConnection() {
		return List.copyOf(connections);
	}

	void forget() {
		connections.clear();
		refused.clear();
		putOff.clear();
		cutAfter.set(-1);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
				List<String> recipients = new CopyOnWriteArrayList<>();
				connections.add(recipients);
				threads.execute(() -> fromServer(upstream, client));
				threads.execute(() -> fromClient(client, upstream, recipients));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void fromServer(Socket upstream, Socket client) {
		try {
			InputStream in = upstream.getInputStream();
			OutputStream out = client.getOutputStream();
			byte[] buffer = new byte[8192];
			for (int n; (n = in.read(buffer)) >= 0;) {
				synchronized (out) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// either side went away
		}
		finally {
			closeQuietly(client);
			closeQuietly(upstream);
		}
	}

	private void fromClient(Socket client, Socket upstream, List<String> recipients) {
		try {
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
			OutputStream toClient = client.getOutputStream();
			OutputStream toServer = upstream.getOutputStream();
			boolean data = false;
			for (String line; (line = in.readLine()) != null;) {
				Matcher rcpt = RCPT.matcher(line);
				if (!data && rcpt.matches() && cutAfter.compareAndSet(recipients.size(), -1)) {
					return;
				}
				if (!data && rcpt.matches() && refused.contains(rcpt.group(1))) {
					synchronized (toClient) {
						toClient.write(("550 5.1.1 <" + rcpt.group(1) + ">: no such mailbox\r\n").getBytes(StandardCharsets.ISO_8859_1));
						toClient.flush();
					}
					continue;
				}
				if (!data && rcpt.matches() && putOff.remove(rcpt.group(1))) {
					synchronized (toClient) {
						toClient.write(("451 4.7.1 <" + rcpt.group(1) + ">: greylisted, try again later\r\n")
							.getBytes(StandardCharsets.ISO_8859_1));
						toClient.flush();
					}
					continue;
				}
				if (!data && rcpt.matches()) {
					recipients.add(rcpt.group(1));
				}
				data = data ? !line.equals(".") : line.equalsIgnoreCase("DATA");
				toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
				toServer.flush();
			}
		}
		catch (IOException ex) {
			// either side went away
		}
		finally {
			closeQuietly(client);
			closeQuietly(upstream);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		threads.shutdownNow();
	}
}
