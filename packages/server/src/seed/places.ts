/**
 * English towns the demo data set places organisations in, each with its postcode district
 * and the integrated care board (commissioner) that covers it. Coordinates come from the
 * postcode data in data/ (OS Code-Point Open; attribution in data/README.md).
 */
export interface Town {
  readonly name: string;
  readonly outcode: string;
  readonly icb: string;
}

export const INTEGRATED_CARE_BOARDS: readonly { code: string; name: string }[] = [
  { code: 'QWO', name: 'NHS West Yorkshire Integrated Care Board' },
  { code: 'QF7', name: 'NHS South Yorkshire Integrated Care Board' },
  { code: 'QOP', name: 'NHS Greater Manchester Integrated Care Board' },
  { code: 'QYG', name: 'NHS Cheshire and Merseyside Integrated Care Board' },
  { code: 'QE1', name: 'NHS Lancashire and South Cumbria Integrated Care Board' },
  { code: 'QHM', name: 'NHS North East and North Cumbria Integrated Care Board' },
  { code: 'QOQ', name: 'NHS Humber and North Yorkshire Integrated Care Board' },
  { code: 'QT1', name: 'NHS Nottingham and Nottinghamshire Integrated Care Board' },
  { code: 'QHL', name: 'NHS Birmingham and Solihull Integrated Care Board' },
  {
    code: 'QUY',
    name: 'NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board',
  },
  { code: 'QJK', name: 'NHS Devon Integrated Care Board' },
  { code: 'QNQ', name: 'NHS Frimley Integrated Care Board' },
  { code: 'QKS', name: 'NHS Kent and Medway Integrated Care Board' },
  { code: 'QUE', name: 'NHS Cambridgeshire and Peterborough Integrated Care Board' },
  { code: 'QMF', name: 'NHS North East London Integrated Care Board' },
];

export const TOWNS: readonly Town[] = [
  { name: 'Leeds', outcode: 'LS1', icb: 'QWO' },
  { name: 'Bradford', outcode: 'BD1', icb: 'QWO' },
  { name: 'Halifax', outcode: 'HX1', icb: 'QWO' },
  { name: 'Wakefield', outcode: 'WF1', icb: 'QWO' },
  { name: 'Huddersfield', outcode: 'HD1', icb: 'QWO' },
  { name: 'Sheffield', outcode: 'S1', icb: 'QF7' },
  { name: 'Doncaster', outcode: 'DN1', icb: 'QF7' },
  { name: 'Manchester', outcode: 'M1', icb: 'QOP' },
  { name: 'Bolton', outcode: 'BL1', icb: 'QOP' },
  { name: 'Wigan', outcode: 'WN1', icb: 'QOP' },
  { name: 'Oldham', outcode: 'OL1', icb: 'QOP' },
  { name: 'Stockport', outcode: 'SK1', icb: 'QOP' },
  { name: 'Liverpool', outcode: 'L1', icb: 'QYG' },
  { name: 'Chester', outcode: 'CH1', icb: 'QYG' },
  { name: 'Preston', outcode: 'PR1', icb: 'QE1' },
  { name: 'Lancaster', outcode: 'LA1', icb: 'QE1' },
  { name: 'Blackburn', outcode: 'BB1', icb: 'QE1' },
  { name: 'Blackpool', outcode: 'FY1', icb: 'QE1' },
  { name: 'Newcastle upon Tyne', outcode: 'NE1', icb: 'QHM' },
  { name: 'Sunderland', outcode: 'SR1', icb: 'QHM' },
  { name: 'Middlesbrough', outcode: 'TS1', icb: 'QHM' },
  { name: 'Darlington', outcode: 'DL1', icb: 'QHM' },
  { name: 'Carlisle', outcode: 'CA1', icb: 'QHM' },
  { name: 'York', outcode: 'YO1', icb: 'QOQ' },
  { name: 'Hull', outcode: 'HU1', icb: 'QOQ' },
  { name: 'Harrogate', outcode: 'HG1', icb: 'QOQ' },
  { name: 'Nottingham', outcode: 'NG1', icb: 'QT1' },
  { name: 'Lincoln', outcode: 'LN1', icb: 'QT1' },
  { name: 'Derby', outcode: 'DE1', icb: 'QT1' },
  { name: 'Birmingham', outcode: 'B1', icb: 'QHL' },
  { name: 'Coventry', outcode: 'CV1', icb: 'QHL' },
  { name: 'Wolverhampton', outcode: 'WV1', icb: 'QHL' },
  { name: 'Worcester', outcode: 'WR1', icb: 'QHL' },
  { name: 'Bristol', outcode: 'BS1', icb: 'QUY' },
  { name: 'Bath', outcode: 'BA1', icb: 'QUY' },
  { name: 'Gloucester', outcode: 'GL1', icb: 'QUY' },
  { name: 'Swindon', outcode: 'SN1', icb: 'QUY' },
  { name: 'Exeter', outcode: 'EX1', icb: 'QJK' },
  { name: 'Plymouth', outcode: 'PL1', icb: 'QJK' },
  { name: 'Torquay', outcode: 'TQ1', icb: 'QJK' },
  { name: 'Reading', outcode: 'RG1', icb: 'QNQ' },
  { name: 'Guildford', outcode: 'GU1', icb: 'QNQ' },
  { name: 'Canterbury', outcode: 'CT1', icb: 'QKS' },
  { name: 'Maidstone', outcode: 'ME14', icb: 'QKS' },
  { name: 'Tunbridge Wells', outcode: 'TN1', icb: 'QKS' },
  { name: 'Cambridge', outcode: 'CB1', icb: 'QUE' },
  { name: 'Peterborough', outcode: 'PE1', icb: 'QUE' },
  { name: 'Stratford', outcode: 'E15', icb: 'QMF' },
  { name: 'Whitechapel', outcode: 'E1', icb: 'QMF' },
  { name: 'Romford', outcode: 'RM1', icb: 'QMF' },
];
