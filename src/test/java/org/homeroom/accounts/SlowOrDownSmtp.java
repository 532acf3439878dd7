package org.homeroom.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * The mail server as Homeroom sees it, at a fixed loopback port, in front of GreenMail: either down
 * (nothing listens on the port, so a connection is refused) or up and slow (each connection waits
 * {@code delay} before GreenMail greets it, and Homeroom opens one per message).
 */
final class SlowOrDownSmtp implements AutoCloseable {

	private final int port;

	private final IntSupplier target;

	private final Duration delay;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private volatile ServerSocket server;

	/** Down until {@link #up()}, on a free port of its own. */
	SlowOrDownSmtp(IntSupplier target, Duration delay) {
		this.target = target;
		this.delay = delay;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return port;
	}

	synchronized void up() throws IOException {
		if (server == null) {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			server = listening;
			threads.execute(() -> accept(listening));
		}
	}

	/** Closes the port: from now on a connection is refused, as by a server that is down. */
	synchronized void down() throws IOException {
		if (server != null) {
			server.close();
			server = null;
		}
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket client = listening.accept();
				threads.execute(() -> slowly(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void slowly(Socket client) {
		try {
			Thread.sleep(delay.toMillis());
			Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getAsInt());
			threads.execute(() -> pipe(upstream, client));
			pipe(client, upstream);
		}
		catch (IOException | InterruptedException ex) {
			close(client);
		}
	}

	private static void pipe(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			in.transferTo(out);
		}
		catch (IOException ex) {
			// either side went away
		}
		finally {
			close(from);
			close(to);
		}
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		down();
		threads.shutdownNow();
	}
}
