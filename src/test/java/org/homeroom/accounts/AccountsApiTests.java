package org.homeroom.accounts;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The sub-packages make some types in the base package public for their own sake (the account,
 * its repository, the security log...). Spring Modulith would let other modules use those too, so
 * this holds other modules to the module's real faces.
 */
class AccountsApiTests {

	@Test
	void otherModulesUseOnlyTheEntryPointAndTheRoles() {
		JavaClasses product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.homeroom");

		noClasses().that()
			.resideOutsideOfPackage("org.homeroom.accounts..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.homeroom.accounts..").and(not(equivalentTo(Accounts.class)))
				.and(not(equivalentTo(Role.class))))
			.check(product);
	}
}
