package org.homeroom.directory;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface GuardianRepository extends JpaRepository<Guardian, UUID> {
}
