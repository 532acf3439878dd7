package org.homeroom.tasks;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TaskRepository extends JpaRepository<Task, UUID> {

	/** A page of tasks with their notes in one query, not one more query per task for its notes. */
	@Query("select distinct t from Task t left join fetch t.notes where t.id in :ids")
	List<Task> findWithNotes(Collection<UUID> ids);
}
