package org.homeroom.directory;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface StudentRepository extends JpaRepository<Student, UUID> {
}
