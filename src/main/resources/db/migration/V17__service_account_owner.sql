-- Every service account has an owner: a person (a Changegate user, never another service account) named by the
-- administrator who creates it. The requester's own steps of a change the account submits (the FMEA worksheet,
-- amendments) are offered to the owner, and segregation of duties treats the owner as the requester. Accounts
-- created before this column existed have none (their changes wait at those steps, as before); creating one
-- without an owner is refused.
ALTER TABLE changegate_service_account ADD COLUMN owner VARCHAR(100);
