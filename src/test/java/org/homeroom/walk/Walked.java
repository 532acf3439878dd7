package org.homeroom.walk;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * One request of the walk: an endpoint (method and pattern, exactly as it is mapped, so that the
 * completeness guard can match it) aimed at a record of theirs, what a caller without a relationship
 * must get, and what must not change.
 */
final class Walked {

	/** What a signed-in caller with no relationship gets unless a case says otherwise. */
	static final Set<Integer> REFUSED = Set.of(403, 404);

	final String method;

	final String pattern;

	private String path;

	private String variant = "";

	/** A file to upload, for the endpoints that take a multipart form. */
	private byte[] upload;

	/** The form field the file goes in. */
	private String uploadPart = "file";

	private UnaryOperator<AbstractMockHttpServletRequestBuilder<?>> shape = UnaryOperator.identity();

	/** Callers related to the record, or acting on their own account only: not walked. */
	final Set<String> mayAct = new HashSet<>();

	Set<Integer> refusedWith = REFUSED;

	/** What must read the same before and after; null for a read that holds no record. */
	Supplier<String> state;

	/** Whether {@link #state} counts what a create would add, which is rightly none before the request. */
	boolean counted;

	/** A related caller, and the status they get: proof that the request reaches the record. */
	String controlCaller;

	int controlStatus;

	/** Text of theirs that a list must never show to a walked caller. */
	String mustNotShow;

	/** The branch expected to close a hole this case shows on this one, or null. */
	String expectedFixFrom;

	private Walked(String method, String pattern) {
		this.method = method;
		this.pattern = pattern;
		this.path = pattern;
	}

	static Walked on(String method, String pattern) {
		return new Walked(method, pattern);
	}

	/** Fills the pattern's variables, in order. */
	Walked at(Object... values) {
		String filled = pattern;
		for (Object value : values) {
			filled = filled.replaceFirst("\\{[^}]+}", value.toString());
		}
		path = filled;
		return this;
	}

	Walked query(String query) {
		path = path + "?" + query;
		return this;
	}

	Walked json(String body) {
		UnaryOperator<AbstractMockHttpServletRequestBuilder<?>> before = shape;
		shape = request -> before.apply(request).contentType(MediaType.APPLICATION_JSON).content(body);
		return this;
	}

	Walked form(String... namesAndValues) {
		UnaryOperator<AbstractMockHttpServletRequestBuilder<?>> before = shape;
		shape = request -> {
			AbstractMockHttpServletRequestBuilder<?> shaped = before.apply(request).contentType(MediaType.APPLICATION_FORM_URLENCODED);
			for (int i = 0; i < namesAndValues.length; i += 2) {
				shaped = shaped.param(namesAndValues[i], namesAndValues[i + 1]);
			}
			return shaped;
		};
		return this;
	}

	Walked uploading(byte[] file) {
		upload = file;
		return this;
	}

	Walked uploading(String part, byte[] file) {
		uploadPart = part;
		return uploading(file);
	}

	Walked shaped(UnaryOperator<AbstractMockHttpServletRequestBuilder<?>> more) {
		UnaryOperator<AbstractMockHttpServletRequestBuilder<?>> before = shape;
		shape = request -> more.apply(before.apply(request));
		return this;
	}

	Walked variant(String words) {
		variant = " " + words;
		return this;
	}

	Walked mayAct(Set<String> callers) {
		mayAct.addAll(callers);
		return this;
	}

	Walked mayAct(String... callers) {
		return mayAct(Set.of(callers));
	}

	Walked refusedWith(Integer... statuses) {
		refusedWith = Set.of(statuses);
		return this;
	}

	Walked unchanged(Supplier<String> state) {
		this.state = state;
		return this;
	}

	/** What must not be created: a count of rows, which is zero to begin with. */
	Walked createsNothing(Supplier<String> count) {
		this.state = count;
		this.counted = true;
		return this;
	}

	/** A caller related to the record, who gets this status (and, for a list, sees the record). */
	Walked control(String caller, int status) {
		controlCaller = caller;
		controlStatus = status;
		return this;
	}

	Walked neverShows(String text) {
		mustNotShow = text;
		return this;
	}

	Walked expectedToPassAfter(String branch) {
		expectedFixFrom = branch;
		return this;
	}

	boolean api() {
		return pattern.startsWith("/api/");
	}

	String endpoint() {
		return method + " " + pattern;
	}

	String name() {
		return endpoint() + variant;
	}

	AbstractMockHttpServletRequestBuilder<?> request() {
		if (upload != null) {
			return shape.apply(multipart(path).file(new MockMultipartFile(uploadPart, "walk.zip", "application/zip", upload)));
		}
		return shape.apply(MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path));
	}
}
