package org.homeroom.directory.oneroster;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The import API as a district administrator's client uses it: upload a zip, then poll until it ends. */
final class ImportApi {

	private final MockMvc mvc;

	ImportApi(MockMvc mvc) {
		this.mvc = mvc;
	}

	static RequestPostProcessor admin() {
		return user("admin@district.test").roles("DISTRICT_ADMIN");
	}

	/** Uploads the bytes as a zip with that file name, and gives the import's id. */
	String upload(byte[] zip, String fileName) throws Exception {
		String body = mvc.perform(multipart("/api/v1/imports/oneroster")
				.file(new MockMultipartFile("file", fileName, "application/zip", zip))
				.with(admin()))
			.andExpect(status().isAccepted())
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.id");
	}

	/** Polls as a client would, until the import is no longer RUNNING or a minute has passed. */
	String awaitOutcome(String id) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			String body = mvc.perform(get("/api/v1/imports/" + id).with(admin()))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			if (!"RUNNING".equals(JsonPath.read(body, "$.status")) || Instant.now().isAfter(until)) {
				return body;
			}
			Thread.sleep(200);
		}
	}
}
