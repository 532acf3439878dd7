package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every text and list a client can send the API has a limit, and the OpenAPI document states it,
 * so that an endpoint added later cannot forget one: each string of a request body or a query
 * parameter has a {@code maxLength}, each array a {@code maxItems}, each map a
 * {@code maxProperties}. A string with a fixed format (an id, a date, an enum) is bounded by it.
 */
@IntegrationTest
class ApiInputLimitsDocumentedIntegrationTests {

	private static final Set<String> FIXED_FORMATS = Set.of("uuid", "date", "date-time", "binary");

	@Autowired
	MockMvc mvc;

	@Test
	void everyTextAndListARequestCanCarryHasAStatedLimit() throws Exception {
		JsonNode api = JsonMapper.builder().build()
			.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
		List<String> unlimited = new ArrayList<>();
		Set<String> walked = new HashSet<>();
		for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String where = operation.getKey().toUpperCase() + " " + path.getKey();
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					walk(api, parameter.path("schema"), where + " ?" + parameter.path("name").asString(), unlimited, walked);
				}
				for (JsonNode content : operation.getValue().path("requestBody").path("content")) {
					walk(api, content.path("schema"), where + " body", unlimited, walked);
				}
			}
		}

		assertThat(walked).as("request schemas walked").isNotEmpty();
		assertThat(unlimited).as("request fields without a stated limit").isEmpty();
	}

	private static void walk(JsonNode api, JsonNode schema, String where, List<String> unlimited, Set<String> walked) {
		if (schema.has("$ref")) {
			String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
			if (walked.add(name)) {
				walk(api, api.path("components").path("schemas").path(name), name, unlimited, walked);
			}
			return;
		}
		for (String combined : List.of("allOf", "oneOf", "anyOf")) {
			schema.path(combined).forEach(part -> walk(api, part, where, unlimited, walked));
		}
		String type = schema.has("type") && schema.get("type").isArray() ? schema.get("type").get(0).asString()
				: schema.path("type").asString("");
		switch (type) {
			case "string" -> {
				if (!schema.has("maxLength") && !FIXED_FORMATS.contains(schema.path("format").asString("")) && !schema.has("enum")) {
					unlimited.add(where + " (maxLength)");
				}
			}
			case "array" -> {
				if (!schema.has("maxItems")) {
					unlimited.add(where + " (maxItems)");
				}
				walk(api, schema.path("items"), where + "[]", unlimited, walked);
			}
			case "object" -> {
				schema.path("properties").properties()
					.forEach(property -> walk(api, property.getValue(), where + "." + property.getKey(), unlimited, walked));
				if (schema.path("additionalProperties").isObject()) {
					if (!schema.has("maxProperties")) {
						unlimited.add(where + " (maxProperties)");
					}
					walk(api, schema.get("additionalProperties"), where + "{}", unlimited, walked);
				}
			}
			default -> {
			}
		}
	}
}
