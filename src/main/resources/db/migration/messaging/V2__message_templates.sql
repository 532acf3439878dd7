-- A saved announcement a sender starts from. school_id null is a district-wide template: every
-- sender may use it, only a district administrator may write it. A school's template is seen and
-- used only by staff who work at that school.
create table messaging.message_template (
    id         uuid primary key,
    school_id  uuid,
    name       text not null check (btrim(name) <> ''),
    category   text not null check (category in ('GENERAL', 'URGENT', 'ATTENDANCE', 'EVENT')),
    subject    text not null check (btrim(subject) <> ''),
    body       text not null check (btrim(body) <> ''),
    created_by text not null,
    created_at timestamp with time zone not null,
    updated_by text not null,
    updated_at timestamp with time zone not null
);
-- One name per school (and one per district for the district-wide ones), whatever its case.
create unique index message_template_name on messaging.message_template
    (coalesce(school_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
