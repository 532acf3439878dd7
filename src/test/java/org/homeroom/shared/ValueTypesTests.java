package org.homeroom.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ValueTypesTests {

	@Test
	void phoneNumbersAreNormalisedToE164() {
		assertThat(PhoneNumber.parse("(202) 555-0143", "US")).isEqualTo(new PhoneNumber("+12025550143", true));
		assertThat(PhoneNumber.parse("+52 55 1234 5678", "US").value()).isEqualTo("+525512345678");
	}

	@Test
	void aPhoneNumberIsShownAsItIsDialledInTheDistrictsRegion() {
		assertThat(PhoneNumber.forDisplay("+12025550143", "US")).isEqualTo("(202) 555-0143");
		assertThat(PhoneNumber.forDisplay("+442079460958", "US")).isEqualTo("+44 20 7946 0958");
		assertThat(PhoneNumber.forDisplay("+442079460958", "GB")).isEqualTo("020 7946 0958");
		assertThat(PhoneNumber.forDisplay("not a number", "US")).isEqualTo("not a number");
	}

	@Test
	void anInvalidPhoneNumberIsKeptAndFlagged() {
		assertThat(PhoneNumber.parse(" 555-12 ", "US")).isEqualTo(new PhoneNumber("555-12", false));
	}

	@Test
	void languageTagsAreCanonical() {
		assertThat(LanguageTag.of("pt_br").value()).isEqualTo("pt-BR");
		assertThat(LanguageTag.of("ES").value()).isEqualTo("es");
		assertThat(LanguageTag.of("zh-Hant").language()).isEqualTo("zh");
		assertThatIllegalArgumentException().isThrownBy(() -> LanguageTag.of("not a language"));
	}

	@Test
	void emailAddressesAreTrimmedAndLowerCased() {
		assertThat(EmailAddress.of("  Rosa.M@Family.Example ").value()).isEqualTo("rosa.m@family.example");
		assertThat(EmailAddress.isValid("no-at-sign.example")).isFalse();
	}
}
