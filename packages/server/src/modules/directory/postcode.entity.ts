import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * The centre of a postcode district (outward code), used to place a patient when their full
 * postcode is not in the postcode table. Source: OS Code-Point Open (see data/README.md).
 */
@Entity({ tableName: 'postcode_district' })
export class PostcodeDistrict {
  [PrimaryKeyProp]?: 'outcode';

  @PrimaryKey({ type: 'string', length: 4 })
  outcode!: string;

  @Property({ type: 'double' })
  latitude!: number;

  @Property({ type: 'double' })
  longitude!: number;
}

/** A full postcode with its coordinates. */
@Entity({ tableName: 'postcode' })
export class Postcode {
  [PrimaryKeyProp]?: 'postcode';

  @PrimaryKey({ type: 'string', length: 8 })
  postcode!: string;

  @Property({ type: 'double' })
  latitude!: number;

  @Property({ type: 'double' })
  longitude!: number;
}
