package org.homeroom.translation;

import java.util.List;

/**
 * The port through which translation learns which message categories a district may send for human
 * review, without depending on the module that defines them (messaging implements it). Each name is
 * also the end of its label's key, {@code inbox.category.<name>}.
 */
public interface ReviewableCategories {

	/** The category names, in the order the administrator's page shows them. */
	List<String> names();
}
