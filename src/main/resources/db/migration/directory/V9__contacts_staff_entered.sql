-- A contact that staff add or change on an existing guardian waits, unverified, for the family to
-- confirm it with a code, exactly like one the family added; this says who entered it, so that the
-- family's contact page can offer to send the first code (nobody has sent one yet) and say why.
alter table directory.contact_point add column entered_by_staff boolean not null default false;
