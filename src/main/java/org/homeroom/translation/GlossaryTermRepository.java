package org.homeroom.translation;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface GlossaryTermRepository extends JpaRepository<GlossaryTerm, UUID> {

	/** Terms whose term or one of whose translations holds the words, in any case. */
	@Query(value = """
			select t from GlossaryTerm t where lower(t.term) like :pattern escape '\\'
			or exists (select 1 from GlossaryTerm u join u.translations v where u = t and lower(v) like :pattern escape '\\')
			order by lower(t.term)""", countQuery = """
			select count(t) from GlossaryTerm t where lower(t.term) like :pattern escape '\\'
			or exists (select 1 from GlossaryTerm u join u.translations v where u = t and lower(v) like :pattern escape '\\')""")
	Page<GlossaryTerm> search(String pattern, Pageable page);

	@Query("select t from GlossaryTerm t where lower(t.term) = lower(:term)")
	Optional<GlossaryTerm> findByTerm(String term);
}
