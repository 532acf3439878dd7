package org.homeroom.tasks;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface TaskRepository extends JpaRepository<Task, UUID> {
}
