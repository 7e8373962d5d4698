import { Migration } from '@mikro-orm/migrations';

export class Migration20261121054659_identity_and_audit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" uuid not null, "occurred_at" timestamptz not null, "request_id" varchar(100) not null, "user_id" uuid null, "role" varchar(40) null, "organisation_id" uuid null, "on_behalf_of_user_id" uuid null, "patient_id" varchar(64) null, "nhs_number" varchar(10) null, "ubrn" varchar(12) null, "action" varchar(80) not null, "outcome" varchar(10) not null, "details" jsonb null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_user_id_occurred_at_index" on "audit_event" ("user_id", "occurred_at");`);
    this.addSql(`create index "audit_event_patient_id_occurred_at_index" on "audit_event" ("patient_id", "occurred_at");`);
    this.addSql(`create index "audit_event_ubrn_occurred_at_index" on "audit_event" ("ubrn", "occurred_at");`);
    // Added by hand: the audit trail is append-only, enforced by the database.
    this.addSql(`create function "audit_event_append_only"() returns trigger language plpgsql as $$ begin raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(`create trigger "audit_event_no_update_or_delete" before update or delete on "audit_event" for each row execute function "audit_event_append_only"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_append_only"();`);

    this.addSql(`create table "app_user" ("id" uuid not null, "username" varchar(100) not null, "display_name" varchar(200) not null, "professional_id" varchar(20) null, "password_hash" varchar(255) null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this.addSql(`alter table "app_user" add constraint "app_user_professional_id_unique" unique ("professional_id");`);

    this.addSql(`create table "role_assignment" ("id" uuid not null, "user_id" uuid not null, "role" text check ("role" in ('REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN', 'REFERRING_ADMIN', 'SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'SERVICE_PROVIDER_ADMIN', 'PROVIDER_AUTHORISED_APPLICATION', 'SERVICE_DEFINER', 'COMMISSIONER', 'INFORMATION_ANALYST', 'PATIENT')) not null, "organisation_id" uuid not null, "created_at" timestamptz not null, constraint "role_assignment_pkey" primary key ("id"));`);
    this.addSql(`create index "role_assignment_organisation_id_index" on "role_assignment" ("organisation_id");`);
    this.addSql(`alter table "role_assignment" add constraint "role_assignment_user_id_role_organisation_id_unique" unique ("user_id", "role", "organisation_id");`);

    this.addSql(`create table "user_session" ("id" uuid not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "acting_role_id" uuid null, "on_behalf_of_id" uuid null, "provider" varchar(20) not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "user_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "user_session" add constraint "user_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);

    this.addSql(`create table "clinician_link" ("id" uuid not null, "admin_id" uuid not null, "clinician_id" uuid not null, "created_at" timestamptz not null, constraint "clinician_link_pkey" primary key ("id"));`);
    this.addSql(`create index "clinician_link_clinician_id_index" on "clinician_link" ("clinician_id");`);
    this.addSql(`alter table "clinician_link" add constraint "clinician_link_admin_id_clinician_id_unique" unique ("admin_id", "clinician_id");`);

    this.addSql(`alter table "role_assignment" add constraint "role_assignment_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "role_assignment" add constraint "role_assignment_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_session" add constraint "user_session_acting_role_id_foreign" foreign key ("acting_role_id") references "role_assignment" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "user_session" add constraint "user_session_on_behalf_of_id_foreign" foreign key ("on_behalf_of_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "clinician_link" add constraint "clinician_link_admin_id_foreign" foreign key ("admin_id") references "role_assignment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "clinician_link" add constraint "clinician_link_clinician_id_foreign" foreign key ("clinician_id") references "role_assignment" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "role_assignment" drop constraint "role_assignment_user_id_foreign";`);

    this.addSql(`alter table "user_session" drop constraint "user_session_user_id_foreign";`);

    this.addSql(`alter table "user_session" drop constraint "user_session_on_behalf_of_id_foreign";`);

    this.addSql(`alter table "user_session" drop constraint "user_session_acting_role_id_foreign";`);

    this.addSql(`alter table "clinician_link" drop constraint "clinician_link_admin_id_foreign";`);

    this.addSql(`alter table "clinician_link" drop constraint "clinician_link_clinician_id_foreign";`);

    this.addSql(`drop trigger if exists "audit_event_no_truncate" on "audit_event";`);
    this.addSql(`drop trigger if exists "audit_event_no_update_or_delete" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_append_only"();`);
    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "role_assignment" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`drop table if exists "clinician_link" cascade;`);
  }

}
