-- E-mail waiting to be handed to the SMTP server. A row is written in the transaction of the change
-- it reports (a code, a reset link, an invitation), so it exists exactly when that change does; a
-- worker sends it after the commit, off the request thread, so that neither the time nor the status
-- of an answer depends on the mail server, or on whether there was anyone to write to.
create table platform.outgoing_mail (
    id              uuid primary key,
    recipient       text not null,
    subject         text not null,
    -- Erased once the message is sent or given up: it may hold a sign-in code or a reset link.
    body            text,
    created_at      timestamp with time zone not null,
    attempts        int not null default 0 check (attempts >= 0),
    -- While a worker holds a row, this is when another may take it if the first never finished.
    next_attempt_at timestamp with time zone not null,
    sent_at         timestamp with time zone,
    gave_up_at      timestamp with time zone,
    -- The kind of failure only (an exception's class), never the server's words, which may quote the address.
    last_error      text,
    check (sent_at is null or gave_up_at is null),
    check ((body is null) = (sent_at is not null or gave_up_at is not null))
);
create index outgoing_mail_due on platform.outgoing_mail (next_attempt_at) where sent_at is null and gave_up_at is null;
