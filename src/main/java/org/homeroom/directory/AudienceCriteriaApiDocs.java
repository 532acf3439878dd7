package org.homeroom.directory;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * States the limits on an audience's {@code filters} in the OpenAPI document. The generator reads
 * {@code @Size} on lists and on list elements, but not on a map or its values, so without this the
 * document would show the map as unbounded although validation bounds it.
 */
@Component
class AudienceCriteriaApiDocs implements OpenApiCustomizer {

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI api) {
		if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
			return;
		}
		Schema<?> criteria = api.getComponents().getSchemas().get(AudienceCriteria.class.getSimpleName());
		if (criteria == null || criteria.getProperties() == null) {
			return;
		}
		Schema<?> filters = criteria.getProperties().get("filters");
		if (filters != null && filters.getAdditionalProperties() instanceof Schema<?> values) {
			filters.setMaxProperties(AudienceCriteria.MAX_FILTERS);
			values.setMaxItems(AudienceCriteria.MAX_FILTER_VALUES);
			if (values.getItems() != null) {
				values.getItems().setMaxLength(AudienceCriteria.MAX_FILTER_VALUE_LENGTH);
			}
		}
	}
}
