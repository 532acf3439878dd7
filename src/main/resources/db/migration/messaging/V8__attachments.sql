-- Files attached to conversation messages (issue #17): what each one is, whichever place keeps its
-- content. The type is the one its content showed, never the one it was sent with.
create table messaging.attachment (
    id           uuid primary key,
    file_name    text not null check (char_length(file_name) between 1 and 200),
    content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/heic')),
    size         bigint not null check (size between 1 and 10485760),
    sha256       text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    stored_in    text not null check (stored_in in ('DATABASE', 'DIRECTORY')),
    stored_at    timestamp with time zone not null
);

-- Content kept in PostgreSQL, in pieces of at most 256 KiB, so that neither the driver nor a
-- download holds a whole file in memory. The foreign key is checked at commit: the content is
-- written first, while it is hashed and measured, and its row after. PDFs and images are already
-- compressed, so TOAST does not try again (storage external).
create table messaging.attachment_chunk (
    attachment_id uuid not null references messaging.attachment (id) on delete cascade deferrable initially deferred,
    seq           integer not null check (seq >= 0),
    data          bytea not null check (octet_length(data) between 1 and 262144),
    primary key (attachment_id, seq)
);
alter table messaging.attachment_chunk alter column data set storage external;
