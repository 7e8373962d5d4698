import { Migration } from '@mikro-orm/migrations';

export class Migration20261121052045_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`organisation\` (\`id\` text not null, \`ods_code\` text not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('GP_PRACTICE', 'PROVIDER', 'COMMISSIONER')) not null, \`commissioner_id\` text null, \`address_line\` text null, \`town\` text null, \`postcode\` text null, \`created_at\` datetime not null, constraint \`organisation_commissioner_id_foreign\` foreign key(\`commissioner_id\`) references \`organisation\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`organisation_ods_code_unique\` on \`organisation\` (\`ods_code\`);`);
    this.addSql(`create index \`organisation_kind_index\` on \`organisation\` (\`kind\`);`);
    this.addSql(`create index \`organisation_commissioner_id_index\` on \`organisation\` (\`commissioner_id\`);`);

    this.addSql(`create table \`postcode\` (\`postcode\` text not null, \`latitude\` double not null, \`longitude\` double not null, primary key (\`postcode\`));`);

    this.addSql(`create table \`postcode_district\` (\`outcode\` text not null, \`latitude\` double not null, \`longitude\` double not null, primary key (\`outcode\`));`);

    this.addSql(`create table \`site\` (\`id\` text not null, \`ods_code\` text not null, \`name\` text not null, \`organisation_id\` text not null, \`address_line\` text not null, \`town\` text not null, \`postcode\` text not null, \`latitude\` double not null, \`longitude\` double not null, constraint \`site_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`site_ods_code_unique\` on \`site\` (\`ods_code\`);`);
    this.addSql(`create index \`site_organisation_id_index\` on \`site\` (\`organisation_id\`);`);
    this.addSql(`create index \`site_latitude_longitude_index\` on \`site\` (\`latitude\`, \`longitude\`);`);

    this.addSql(`create table \`specialty\` (\`code\` text not null, \`name\` text not null, primary key (\`code\`));`);

    this.addSql(`create table \`clinic_type\` (\`code\` text not null, \`name\` text not null, \`specialty_code\` text not null, constraint \`clinic_type_specialty_code_foreign\` foreign key(\`specialty_code\`) references \`specialty\`(\`code\`) on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`clinic_type_specialty_code_index\` on \`clinic_type\` (\`specialty_code\`);`);

    this.addSql(`create table \`service\` (\`id\` text not null, \`name\` text not null, \`provider_id\` text not null, \`site_id\` text not null, \`specialty_code\` text not null, \`clinic_type_code\` text not null, \`appointment_type\` text check (\`appointment_type\` in ('FIRST_OUTPATIENT', 'ASSESSMENT_SERVICE', 'DAY_CASE', 'DIAGNOSTIC', 'NURSE_CLINIC', 'AHP_CLINIC', 'GPSI', 'OPHTHALMOLOGIST', 'TELEPHONE_ASSESSMENT')) not null, \`request_flow\` text check (\`request_flow\` in ('APPOINTMENT_REQUEST', 'TRIAGE_REQUEST', 'ADVICE_AND_GUIDANCE_REQUEST')) not null, \`bookable_type\` text check (\`bookable_type\` in ('DIRECTLY_BOOKABLE', 'INDIRECTLY_BOOKABLE')) not null, \`priorities\` text not null, \`min_age_years\` integer null, \`max_age_years\` integer null, \`sex_treated\` text check (\`sex_treated\` in ('MALE', 'FEMALE', 'MALE_AND_FEMALE')) not null, \`letter_required\` integer not null, \`referrer_alert\` text null, \`instructions\` text null, \`effective_from\` date not null, \`effective_to\` date null, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`service_provider_id_foreign\` foreign key(\`provider_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`service_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`service_specialty_code_foreign\` foreign key(\`specialty_code\`) references \`specialty\`(\`code\`) on update cascade, constraint \`service_clinic_type_code_foreign\` foreign key(\`clinic_type_code\`) references \`clinic_type\`(\`code\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`service_provider_id_index\` on \`service\` (\`provider_id\`);`);
    this.addSql(`create index \`service_site_id_index\` on \`service\` (\`site_id\`);`);
    this.addSql(`create index \`service_specialty_code_index\` on \`service\` (\`specialty_code\`);`);
    this.addSql(`create index \`service_clinic_type_code_index\` on \`service\` (\`clinic_type_code\`);`);
    this.addSql(`create index \`service_specialty_code_clinic_type_code_index\` on \`service\` (\`specialty_code\`, \`clinic_type_code\`);`);
  }

}
