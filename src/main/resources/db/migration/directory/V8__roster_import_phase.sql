-- How far a running import has got, for the page that follows it (RosterImporter.Phase).
alter table directory.roster_import add column phase text;
