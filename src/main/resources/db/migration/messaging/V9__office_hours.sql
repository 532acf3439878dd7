-- Office hours per member of staff (directory.staff, referred to by id): the weekly intervals in
-- which they answer families, on the district's wall clock, and a note families read with the
-- automatic answer ("Out until Monday"). A member of staff without a row here keeps the district's
-- default (homeroom.messaging.office-hours.default); a row without intervals does too.
create table messaging.office_hours (
    staff_id   uuid primary key,
    note       text check (note is null or (btrim(note) <> '' and char_length(note) <= 200)),
    updated_by text not null,
    updated_at timestamp with time zone not null
);

-- weekday is ISO 8601's: 1 is Monday, 7 Sunday. An interval never crosses midnight; overlaps are
-- refused by the form before they reach here.
create table messaging.office_hours_interval (
    staff_id uuid not null references messaging.office_hours (staff_id) on delete cascade,
    weekday  smallint not null check (weekday between 1 and 7),
    starts   time not null,
    ends     time not null,
    check (ends > starts),
    primary key (staff_id, weekday, starts)
);
