-- The school office's phone number, E.164, which families are told to call: on the sign-in page
-- when no code arrives, and in the answer to an SMS that asks for HELP. OneRoster carries none, so
-- it is entered by the district (or seeded with the demo district).
alter table directory.school add column office_phone text check (office_phone is null or office_phone ~ '^\+[1-9][0-9]{6,14}$');
