package org.homeroom.tasks;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One dated note on a task. Notes are never edited or removed, so the history stays true. */
@Embeddable
class TaskNote {

	private String author;

	@Column(name = "written_at")
	private Instant writtenAt;

	private String body;

	protected TaskNote() {
	}

	TaskNote(String author, Instant writtenAt, String body) {
		this.author = author;
		this.writtenAt = writtenAt;
		this.body = body;
	}

	TaskView.Note view() {
		return new TaskView.Note(author, writtenAt, body);
	}
}
