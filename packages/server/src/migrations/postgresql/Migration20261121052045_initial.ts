import { Migration } from '@mikro-orm/migrations';

export class Migration20261121052045_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "organisation" ("id" uuid not null, "ods_code" varchar(12) not null, "name" varchar(200) not null, "kind" text check ("kind" in ('GP_PRACTICE', 'PROVIDER', 'COMMISSIONER')) not null, "commissioner_id" uuid null, "address_line" varchar(200) null, "town" varchar(100) null, "postcode" varchar(10) null, "created_at" timestamptz not null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`alter table "organisation" add constraint "organisation_ods_code_unique" unique ("ods_code");`);
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);

    this.addSql(`create table "postcode" ("postcode" varchar(8) not null, "latitude" double precision not null, "longitude" double precision not null, constraint "postcode_pkey" primary key ("postcode"));`);

    this.addSql(`create table "postcode_district" ("outcode" varchar(4) not null, "latitude" double precision not null, "longitude" double precision not null, constraint "postcode_district_pkey" primary key ("outcode"));`);

    this.addSql(`create table "site" ("id" uuid not null, "ods_code" varchar(12) not null, "name" varchar(200) not null, "organisation_id" uuid not null, "address_line" varchar(200) not null, "town" varchar(100) not null, "postcode" varchar(10) not null, "latitude" double precision not null, "longitude" double precision not null, constraint "site_pkey" primary key ("id"));`);
    this.addSql(`alter table "site" add constraint "site_ods_code_unique" unique ("ods_code");`);
    this.addSql(`create index "site_organisation_id_index" on "site" ("organisation_id");`);
    this.addSql(`create index "site_latitude_longitude_index" on "site" ("latitude", "longitude");`);

    this.addSql(`create table "specialty" ("code" varchar(40) not null, "name" varchar(120) not null, constraint "specialty_pkey" primary key ("code"));`);

    this.addSql(`create table "clinic_type" ("code" varchar(40) not null, "name" varchar(120) not null, "specialty_code" varchar(40) not null, constraint "clinic_type_pkey" primary key ("code"));`);
    this.addSql(`create index "clinic_type_specialty_code_index" on "clinic_type" ("specialty_code");`);

    this.addSql(`create table "service" ("id" uuid not null, "name" varchar(200) not null, "provider_id" uuid not null, "site_id" uuid not null, "specialty_code" varchar(40) not null, "clinic_type_code" varchar(40) not null, "appointment_type" text check ("appointment_type" in ('FIRST_OUTPATIENT', 'ASSESSMENT_SERVICE', 'DAY_CASE', 'DIAGNOSTIC', 'NURSE_CLINIC', 'AHP_CLINIC', 'GPSI', 'OPHTHALMOLOGIST', 'TELEPHONE_ASSESSMENT')) not null, "request_flow" text check ("request_flow" in ('APPOINTMENT_REQUEST', 'TRIAGE_REQUEST', 'ADVICE_AND_GUIDANCE_REQUEST')) not null, "bookable_type" text check ("bookable_type" in ('DIRECTLY_BOOKABLE', 'INDIRECTLY_BOOKABLE')) not null, "priorities" text[] not null, "min_age_years" int null, "max_age_years" int null, "sex_treated" text check ("sex_treated" in ('MALE', 'FEMALE', 'MALE_AND_FEMALE')) not null, "letter_required" boolean not null, "referrer_alert" text null, "instructions" text null, "effective_from" date not null, "effective_to" date null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "service_pkey" primary key ("id"));`);
    this.addSql(`create index "service_provider_id_index" on "service" ("provider_id");`);
    this.addSql(`create index "service_site_id_index" on "service" ("site_id");`);
    this.addSql(`create index "service_clinic_type_code_index" on "service" ("clinic_type_code");`);
    this.addSql(`create index "service_specialty_code_clinic_type_code_index" on "service" ("specialty_code", "clinic_type_code");`);

    this.addSql(`alter table "organisation" add constraint "organisation_commissioner_id_foreign" foreign key ("commissioner_id") references "organisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "site" add constraint "site_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "clinic_type" add constraint "clinic_type_specialty_code_foreign" foreign key ("specialty_code") references "specialty" ("code") on update cascade;`);

    this.addSql(`alter table "service" add constraint "service_provider_id_foreign" foreign key ("provider_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "service" add constraint "service_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`);
    this.addSql(`alter table "service" add constraint "service_specialty_code_foreign" foreign key ("specialty_code") references "specialty" ("code") on update cascade;`);
    this.addSql(`alter table "service" add constraint "service_clinic_type_code_foreign" foreign key ("clinic_type_code") references "clinic_type" ("code") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organisation" drop constraint "organisation_commissioner_id_foreign";`);

    this.addSql(`alter table "site" drop constraint "site_organisation_id_foreign";`);

    this.addSql(`alter table "service" drop constraint "service_provider_id_foreign";`);

    this.addSql(`alter table "service" drop constraint "service_site_id_foreign";`);

    this.addSql(`alter table "clinic_type" drop constraint "clinic_type_specialty_code_foreign";`);

    this.addSql(`alter table "service" drop constraint "service_specialty_code_foreign";`);

    this.addSql(`alter table "service" drop constraint "service_clinic_type_code_foreign";`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "postcode" cascade;`);

    this.addSql(`drop table if exists "postcode_district" cascade;`);

    this.addSql(`drop table if exists "site" cascade;`);

    this.addSql(`drop table if exists "specialty" cascade;`);

    this.addSql(`drop table if exists "clinic_type" cascade;`);

    this.addSql(`drop table if exists "service" cascade;`);
  }

}
