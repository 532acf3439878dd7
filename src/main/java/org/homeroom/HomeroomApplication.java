package org.homeroom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HomeroomApplication {

	public static void main(String[] args) {
		SpringApplication.run(HomeroomApplication.class, args);
	}
}
