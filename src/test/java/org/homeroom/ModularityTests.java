package org.homeroom;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(HomeroomApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicFacesAndFormNoCycles() {
		modules.verify();
	}

	@Test
	void writesTheModuleDiagramToTheDocs() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}
}
