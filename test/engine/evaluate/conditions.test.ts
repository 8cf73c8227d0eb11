import { describe } from 'vitest';
import { allow, conditionCase as c, doc, runCases } from './cases.js';

const OPS = 'Condition operators';
const MULTI = 'Conditions with multiple context keys or values';
const SETS = 'Single-valued vs. multivalued context keys';

describe('string operators', () => {
  runCases([
    c(`StringEquals matches an equal value (${OPS}: "Exact matching, case sensitive")`, 'StringEquals', 'aws:PrincipalTag/team', 'dev', { 'aws:PrincipalTag/team': 'dev' }, true),
    c(`StringEquals is case-sensitive in the value (${OPS}: "case sensitive")`, 'StringEquals', 'aws:PrincipalTag/team', 'Dev', { 'aws:PrincipalTag/team': 'dev' }, false),
    c(`condition key names are case-insensitive (Condition element: "Condition key names are not case-sensitive")`, 'StringEquals', 'AWS:PRINCIPALTAG/TEAM', 'dev', { 'aws:principaltag/team': 'dev' }, true),
    c(`several values for one key are ORed (${MULTI}: "evaluated using a logical OR")`, 'StringEquals', 'aws:RequestedRegion', ['eu-west-1', 'us-east-1'], { 'aws:RequestedRegion': 'us-east-1' }, true),
    c(`a missing key makes StringEquals false (${OPS}: "If the key … is not present in the request context, the values do not match")`, 'StringEquals', 'aws:PrincipalTag/team', 'dev', {}, false),
    c(`StringEquals treats * as a literal character (${OPS}: "You must specify wildcards" only with StringLike)`, 'StringEquals', 's3:prefix', 'home/*', { 's3:prefix': 'home/alice' }, false),
    c(`StringNotEquals holds for a different value (${OPS}: "Negated matching")`, 'StringNotEquals', 'aws:RequestedRegion', 'us-east-1', { 'aws:RequestedRegion': 'eu-west-1' }, true),
    c(`StringNotEquals fails for an equal value (${OPS}: "Negated matching")`, 'StringNotEquals', 'aws:RequestedRegion', 'us-east-1', { 'aws:RequestedRegion': 'us-east-1' }, false),
    c(`StringNotEquals holds when the key is missing (${OPS}: "If the policy condition requires that the key is not matched … the condition is true")`, 'StringNotEquals', 'aws:RequestedRegion', 'us-east-1', {}, true),
    c(`several values of a negated operator are NORed (${MULTI}: "evaluated using a logical NOR")`, 'StringNotEquals', 'aws:RequestedRegion', ['eu-west-1', 'us-east-1'], { 'aws:RequestedRegion': 'us-east-1' }, false),
    c(`StringEqualsIgnoreCase ignores case (${OPS}: "Exact matching, ignoring case")`, 'StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'DEV', { 'aws:PrincipalTag/team': 'dev' }, true),
    c(`StringNotEqualsIgnoreCase fails for the same text in another case (${OPS}: "Negated matching, ignoring case")`, 'StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'DEV', { 'aws:PrincipalTag/team': 'dev' }, false),
    c(`StringLike * matches any run (${OPS}: "multi-character match wildcards (*)")`, 'StringLike', 's3:prefix', 'home/*', { 's3:prefix': 'home/alice/docs' }, true),
    c(`StringLike ? matches one character (${OPS}: "single-character match wildcards (?)")`, 'StringLike', 'ec2:InstanceType', 't?.micro', { 'ec2:InstanceType': 't3.micro' }, true),
    c(`StringLike is case-sensitive (${OPS}: "Case-sensitive matching")`, 'StringLike', 'ec2:InstanceType', 'T3.*', { 'ec2:InstanceType': 't3.micro' }, false),
    c(`StringLike without a wildcard needs the whole value (${OPS}: "You must specify wildcards to achieve partial string matches")`, 'StringLike', 's3:prefix', 'home', { 's3:prefix': 'home/alice' }, false),
    c(`StringLike matches an empty value against an empty pattern (${OPS}: s3:prefix example with "")`, 'StringLike', 's3:prefix', ['', 'home/'], { 's3:prefix': '' }, true),
    c(`StringNotLike holds when no pattern matches (${OPS}: "Negated case-sensitive matching")`, 'StringNotLike', 's3:prefix', ['private/*', 'secret/*'], { 's3:prefix': 'home/alice' }, true),
    c(`StringNotLike fails when a pattern matches (${OPS}: "Negated case-sensitive matching")`, 'StringNotLike', 's3:prefix', ['private/*', 'home/*'], { 's3:prefix': 'home/alice' }, false),
  ]);
});

describe('numeric operators', () => {
  runCases([
    c(`NumericEquals compares integers (${OPS}: Numeric)`, 'NumericEquals', 's3:max-keys', '10', { 's3:max-keys': '10' }, true),
    c(`NumericEquals compares decimal and integer values by value (${OPS}: "integer or decimal value")`, 'NumericEquals', 's3:max-keys', '10.0', { 's3:max-keys': 10 }, true),
    c(`NumericNotEquals holds for a different number (${OPS}: Numeric)`, 'NumericNotEquals', 's3:max-keys', '10', { 's3:max-keys': '11' }, true),
    c(`NumericLessThan (${OPS}: "Less than" matching)`, 'NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': '9' }, true),
    c(`NumericLessThan fails at equality (${OPS}: "Less than" matching)`, 'NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': '10' }, false),
    c(`NumericLessThanEquals holds at equality (${OPS}: "Less than or equals" matching)`, 'NumericLessThanEquals', 's3:max-keys', '10', { 's3:max-keys': '10' }, true),
    c(`NumericGreaterThan (${OPS}: "Greater than" matching)`, 'NumericGreaterThan', 'aws:MultiFactorAuthAge', '3600', { 'aws:MultiFactorAuthAge': '3601' }, true),
    c(`NumericGreaterThanEquals with a decimal (${OPS}: "Greater than or equals" matching)`, 'NumericGreaterThanEquals', 'sagemaker:VolumeKmsKey', '1.5', { 'sagemaker:VolumeKmsKey': '1.50' }, true),
    c(`a request value that is not a number never matches (${OPS}: Numeric)`, 'NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': 'ten' }, false),
    c(`a missing key makes NumericLessThan false (${OPS}: missing keys)`, 'NumericLessThan', 's3:max-keys', '10', {}, false),
    c(`a missing key makes NumericNotEquals true (${OPS}: negated operators with missing keys)`, 'NumericNotEquals', 's3:max-keys', '10', {}, true),
    c(`a numeric value is taken from a JSON number in the context (contract: numbers as their text)`, 'NumericGreaterThan', 's3:max-keys', '5', { 's3:max-keys': 7 }, true),
  ]);
});

describe('date operators', () => {
  runCases([
    c(`DateEquals compares an ISO 8601 time with an epoch time (${OPS}: "W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time")`, 'DateEquals', 'aws:CurrentTime', '2020-01-01T00:00:00Z', { 'aws:CurrentTime': '1577836800' }, true),
    c(`DateLessThan holds before the date (${OPS}: "Matching before a specific date and time")`, 'DateLessThan', 'aws:CurrentTime', '2020-06-30T00:00:00Z', { 'aws:CurrentTime': '2020-01-01T12:00:00Z' }, true),
    c(`DateLessThan fails after the date (${OPS})`, 'DateLessThan', 'aws:CurrentTime', '2020-06-30T00:00:00Z', { 'aws:CurrentTime': '2021-01-01T00:00:00Z' }, false),
    c(`DateLessThanEquals holds at the same instant (${OPS}: "at or before")`, 'DateLessThanEquals', 'aws:CurrentTime', '2020-06-30T00:00:00Z', { 'aws:CurrentTime': '2020-06-30T00:00:00Z' }, true),
    c(`DateGreaterThan compares instants across time zones (${OPS}: ISO 8601 with zone designators)`, 'DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01T00:00:00Z', { 'aws:TokenIssueTime': '2020-01-01T00:30:00+01:00' }, false),
    c(`DateGreaterThanEquals with a date-only value (${OPS}: W3C date formats)`, 'DateGreaterThanEquals', 'aws:CurrentTime', '2020-01-01', { 'aws:CurrentTime': '2020-01-01T00:00:00Z' }, true),
    c(`DateNotEquals holds for another instant (${OPS}: "Negated matching")`, 'DateNotEquals', 'aws:CurrentTime', '2020-01-01T00:00:00Z', { 'aws:CurrentTime': '2020-01-02T00:00:00Z' }, true),
    c(`a request value that is not a date never matches (${OPS}: Date)`, 'DateGreaterThan', 'aws:CurrentTime', '2020-01-01T00:00:00Z', { 'aws:CurrentTime': 'yesterday' }, false),
    c(`a missing date key makes DateGreaterThan false (${OPS}: "aws:TokenIssueTime … present only when the principal uses temporary credentials")`, 'DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01T00:00:01Z', {}, false),
  ]);
});

describe('Bool, Binary and IP address operators', () => {
  runCases([
    c(`Bool matches "true" (${OPS}: Boolean)`, 'Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'true' }, true),
    c(`Bool fails for the other value (${OPS}: Boolean)`, 'Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'false' }, false),
    c(`Bool compares without regard to case (decision: "true"/"false" in any case)`, 'Bool', 'aws:MultiFactorAuthPresent', 'True', { 'aws:MultiFactorAuthPresent': 'TRUE' }, true),
    c(`Bool takes a JSON boolean from the context as its text (contract: booleans as their text)`, 'Bool', 'aws:MultiFactorAuthPresent', 'true', { 'aws:MultiFactorAuthPresent': true }, true),
    c(`a missing key makes Bool false, so "Bool false" does not catch requests without MFA (${OPS}: missing keys)`, 'Bool', 'aws:MultiFactorAuthPresent', 'false', {}, false),
    c(`BinaryEquals compares the decoded bytes of base-64 values (${OPS}: BinaryEquals "byte for byte")`, 'BinaryEquals', 'ssm:Blob', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', { 'ssm:Blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true),
    c(`BinaryEquals fails for other bytes (${OPS}: BinaryEquals)`, 'BinaryEquals', 'ssm:Blob', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', { 'ssm:Blob': 'b3RoZXI=' }, false),
    c(`IpAddress matches an address inside an IPv4 CIDR (${OPS}: "203.0.113.0/24")`, 'IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.113.77' }, true),
    c(`IpAddress fails outside the range (${OPS}: IP address)`, 'IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.114.1' }, false),
    c(`an address without a prefix is a /32 (${OPS}: "IAM uses the default prefix value of /32")`, 'IpAddress', 'aws:SourceIp', '203.0.113.5', { 'aws:SourceIp': '203.0.113.6' }, false),
    c(`IpAddress matches an IPv6 address in an IPv6 CIDR (${OPS}: "2001:DB8:1234:5678::/64")`, 'IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:DB8:1234:5678::/64'], { 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' }, true),
    c(`an IPv4 range does not match an IPv6 address (${OPS}: IP address)`, 'IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '2001:db8::1' }, false),
    c(`an IPv6 address outside the /64 fails IpAddress (${OPS}: "2001:DB8:1234:5678::/64")`, 'IpAddress', 'aws:SourceIp', '2001:DB8:1234:5678::/64', { 'aws:SourceIp': '2001:db8:1234:5679::1' }, false),
    c(`IPv6 CIDRs compare addresses, not text: a compressed and an expanded form are the same address (${OPS}: IPv6 CIDR)`, 'IpAddress', 'aws:SourceIp', '2001:db8::/32', { 'aws:SourceIp': '2001:0DB8:0000:0000:0000:0000:0000:0001' }, true),
    c(`an IPv6 address without a prefix is a single address (${OPS}: default prefix, /128 for IPv6)`, 'IpAddress', 'aws:SourceIp', '2001:db8::1', { 'aws:SourceIp': '2001:db8::2' }, false),
    c(`::/0 matches every IPv6 address (${OPS}: IPv6 CIDR)`, 'IpAddress', 'aws:SourceIp', '::/0', { 'aws:SourceIp': 'fe80::1' }, true),
    c(`NotIpAddress holds for an IPv6 address outside IPv4 ranges (${OPS}: "All IP addresses except the specified")`, 'NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8'], { 'aws:SourceIp': '2001:db8::1' }, true),
    c(`a request address that is not an address matches no range (${OPS}: IP address)`, 'IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': 'not-an-ip' }, false),
    c(`NotIpAddress holds outside the ranges (${OPS}: "All IP addresses except the specified")`, 'NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.0.0/16'], { 'aws:SourceIp': '198.51.100.1' }, true),
    c(`NotIpAddress fails inside a range (${OPS}: NotIpAddress)`, 'NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.0.0/16'], { 'aws:SourceIp': '10.1.2.3' }, false),
    c(`NotIpAddress holds when aws:SourceIp is missing (a VPC endpoint request) (${OPS}: negated operators with missing keys)`, 'NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', {}, true),
  ]);
});

describe('ARN operators', () => {
  const topic = 'arn:aws:sns:us-east-1:123456789012:topic';
  runCases([
    c(`ArnEquals matches an equal ARN (${OPS}: ARN)`, 'ArnEquals', 'aws:SourceArn', topic, { 'aws:SourceArn': topic }, true),
    c(`ArnEquals accepts wildcards exactly like ArnLike (${OPS}: "ArnEquals and ArnLike condition operators behave identically")`, 'ArnEquals', 'aws:SourceArn', 'arn:aws:sns:*:123456789012:*', { 'aws:SourceArn': topic }, true),
    c(`ArnLike matches each of the six fields separately: * in the region cannot span colons (${OPS}: someservice example)`, 'ArnLike', 'aws:SourceArn', 'arn:aws:someservice:*:111122223333:finance/*', { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }, false),
    c(`StringLike matches the same pair where ArnLike does not (${OPS}: "With a StringLike condition, the match succeeds")`, 'StringLike', 'aws:SourceArn', 'arn:aws:someservice:*:111122223333:finance/*', { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }, true),
    c(`ArnLike is case-sensitive (${OPS}: "Case-sensitive matching of the ARN")`, 'ArnLike', 'aws:SourceArn', 'arn:aws:sns:us-east-1:123456789012:Topic', { 'aws:SourceArn': topic }, false),
    c(`a request value that is not an ARN never matches ArnLike (${OPS}: ARN)`, 'ArnLike', 'aws:SourceArn', '*', { 'aws:SourceArn': 'not-an-arn' }, false),
    c(`ArnNotEquals holds for another ARN (${OPS}: "Negated matching for ARN")`, 'ArnNotEquals', 'aws:PrincipalArn', 'arn:aws:iam::444455556666:user/user-name', { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:user/other' }, true),
    c(`ArnNotLike fails when a pattern matches (${OPS}: "Negated matching for ARN")`, 'ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:*:*', { 'aws:SourceArn': topic }, false),
    c(`ArnLike is false when the key is missing (${OPS}: "the condition returns false")`, 'ArnLike', 'aws:SourceArn', topic, {}, false),
    c(`ArnNotLike is true when the key is missing (${OPS}: "such as StringNotLike or ArnNotLike … the condition is true")`, 'ArnNotLike', 'aws:SourceArn', topic, {}, true),
  ]);
});

describe('…IfExists and Null', () => {
  runCases([
    c(`…IfExists is true when the key is missing (${OPS}: "If the key is not present, evaluate the condition element as true")`, 'StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*'], {}, true),
    c(`…IfExists evaluates the operator when the key is present (${OPS}: "If the policy key is present … process the key as specified")`, 'StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*'], { 'ec2:InstanceType': 'm5.large' }, false),
    c(`a negated …IfExists operator holds when the key is missing (${OPS}: StringNotEqualsIfExists with a missing tag)`, 'StringNotEqualsIfExists', 'aws:ResourceTag/env', 'prod', {}, true),
    c(`NumericLessThanIfExists with a present key compares it (${OPS}: IfExists on any operator)`, 'NumericLessThanIfExists', 's3:max-keys', '10', { 's3:max-keys': '20' }, false),
    c(`DateLessThanIfExists is true when the key is missing (${OPS}: IfExists on any operator but Null)`, 'DateLessThanIfExists', 'aws:TokenIssueTime', '2020-01-01T00:00:00Z', {}, true),
    c(`BoolIfExists with a present "false" value fails a "true" requirement (${OPS}: BoolIfExists aws:MultiFactorAuthPresent)`, 'BoolIfExists', 'aws:MultiFactorAuthPresent', 'true', { 'aws:MultiFactorAuthPresent': 'false' }, false),
    c(`IpAddressIfExists is true for a request without aws:SourceIp (${OPS}: IfExists)`, 'IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8', {}, true),
    c(`ArnLikeIfExists compares a present ARN (${OPS}: IfExists)`, 'ArnLikeIfExists', 'aws:SourceArn', 'arn:aws:sns:*:*:alerts', { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:other' }, false),
    c(`Null "true" holds when the key is absent (${OPS}: "true (the key doesn't exist — it is null)")`, 'Null', 'aws:TokenIssueTime', 'true', {}, true),
    c(`Null "true" fails when the key is present (${OPS}: Null)`, 'Null', 'aws:TokenIssueTime', 'true', { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }, false),
    c(`Null "false" holds when the key is present (${OPS}: "false (the key exists and its value is not null)")`, 'Null', 'aws:TokenIssueTime', 'false', { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }, true),
    c(`an empty list is an empty value: Null "false" fails for it (Multivalued context key examples: "context keys with empty values")`, 'Null', 'aws:TagKeys', 'false', { 'aws:TagKeys': [] }, false),
  ]);
});

describe('several keys and operators', () => {
  runCases([
    {
      name: `several keys under one operator are ANDed (${MULTI}: "the context keys are evaluated using a logical AND")`,
      policies: { identity: [doc(allow('*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'dev', 'aws:RequestedRegion': 'us-east-1' } } }))] },
      request: { context: { 'aws:PrincipalTag/team': 'dev', 'aws:RequestedRegion': 'eu-west-1' } },
      expect: 'implicitDeny',
    },
    {
      name: `several operators are ANDed (${MULTI}: "the condition operators are evaluated using a logical AND")`,
      policies: { identity: [doc(allow('*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'dev' }, Bool: { 'aws:SecureTransport': 'true' } } }))] },
      request: { context: { 'aws:PrincipalTag/team': 'dev', 'aws:SecureTransport': 'true' } },
      expect: 'allowed',
    },
    {
      name: `one false clause makes the statement not apply (${MULTI}: "All context keys in a condition element block must resolve to true")`,
      policies: { identity: [doc(allow('*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'dev' }, Bool: { 'aws:SecureTransport': 'true' } } }))] },
      request: { context: { 'aws:PrincipalTag/team': 'dev', 'aws:SecureTransport': 'false' } },
      expect: 'implicitDeny',
    },
    {
      name: `a Deny whose condition holds is an explicit deny (Condition operators: Bool aws:SecureTransport example)`,
      policies: { identity: [doc(allow('*'), { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
      request: { context: { 'aws:SecureTransport': 'false' } },
      expect: 'explicitDeny',
    },
  ]);
});

describe('set operators and multivalued keys', () => {
  runCases([
    c(`ForAnyValue holds when some request value matches (${SETS}: ForAnyValue)`, 'ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['owner', 'team'] }, true),
    c(`ForAnyValue fails when no request value matches (${SETS}: ForAnyValue)`, 'ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['owner'] }, false),
    c(`ForAnyValue is false when the key is missing (${SETS}: "If there are no context keys … it returns false")`, 'ForAnyValue:StringEquals', 'aws:TagKeys', 'env', {}, false),
    c(`ForAnyValue is false for an empty list (${SETS}: "an empty data set")`, 'ForAnyValue:StringEquals', 'aws:TagKeys', 'env', { 'aws:TagKeys': [] }, false),
    c(`ForAllValues holds when every request value matches some policy value (${SETS}: ForAllValues)`, 'ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team', 'owner'], { 'aws:TagKeys': ['team', 'env'] }, true),
    c(`ForAllValues fails when one request value matches none (${SETS}: ForAllValues)`, 'ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['team', 'cost'] }, false),
    c(`ForAllValues is true when the key is missing (${SETS}: "It also returns true if there are no context keys in the request")`, 'ForAllValues:StringEquals', 'aws:TagKeys', 'env', {}, true),
    c(`ForAllValues is true for an empty list (${SETS}: empty data set)`, 'ForAllValues:StringEquals', 'aws:TagKeys', 'env', { 'aws:TagKeys': [] }, true),
    c(`ForAllValues:StringLike checks every value against the patterns (Multivalued context key examples: key prefixes)`, 'ForAllValues:StringLike', 'aws:TagKeys', ['key1*', 'key2*'], { 'aws:TagKeys': ['key1a', 'key2b'] }, true),
    c(`ForAllValues:StringNotEquals holds when no request value is listed (${SETS}: negated set operators)`, 'ForAllValues:StringNotEquals', 'aws:TagKeys', ['admin', 'owner'], { 'aws:TagKeys': ['team', 'env'] }, true),
    c(`ForAllValues:StringNotEquals fails when a request value is listed (${SETS}: negated set operators)`, 'ForAllValues:StringNotEquals', 'aws:TagKeys', ['admin', 'owner'], { 'aws:TagKeys': ['team', 'owner'] }, false),
    c(`ForAnyValue:StringNotEquals holds when some request value is not listed (${SETS}: negated set operators)`, 'ForAnyValue:StringNotEquals', 'aws:TagKeys', ['admin', 'owner'], { 'aws:TagKeys': ['owner', 'team'] }, true),
    c(`ForAnyValue:StringNotLike fails when every request value is listed (${SETS}: negated set operators)`, 'ForAnyValue:StringNotLike', 'aws:TagKeys', ['adm*', 'own*'], { 'aws:TagKeys': ['owner', 'admin'] }, false),
    c(`a set operator on a single-valued key treats the value as a one-element set (${SETS}: "Do not use condition set operators … with single-valued context keys")`, 'ForAllValues:StringEquals', 'aws:RequestedRegion', ['us-east-1'], { 'aws:RequestedRegion': 'us-east-1' }, true),
    c(`an operator without a set qualifier never matches a multivalued key (${SETS}: "Multivalued context keys require a condition set operator")`, 'StringEquals', 'aws:TagKeys', 'env', { 'aws:TagKeys': ['env'] }, false),
    c(`a negated operator without a set qualifier does not match a multivalued key either (${SETS}: "require a condition set operator")`, 'StringNotEquals', 'aws:TagKeys', 'admin', { 'aws:TagKeys': ['env'] }, false),
    c(`ForAnyValue:…IfExists is true when the key is missing (${OPS}: IfExists on any operator)`, 'ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', 'env', {}, true),
    c(`ForAllValues with a negated operator is true when the key is missing (${SETS}: ForAllValues "returns true if there are no context keys")`, 'ForAllValues:StringNotEquals', 'aws:TagKeys', 'admin', {}, true),
    c(`ForAnyValue with a negated operator is false when the key is missing (${SETS}: ForAnyValue "returns false" without keys)`, 'ForAnyValue:StringNotEquals', 'aws:TagKeys', 'admin', {}, false),
    c(`ForAnyValue:IpAddress holds when one address of a multivalued key is in range (${SETS}: set operators on any operator)`, 'ForAnyValue:IpAddress', 'example:Addresses', '10.0.0.0/8', { 'example:Addresses': ['192.0.2.1', '10.9.8.7'] }, true),
    c(`ForAllValues:StringEqualsIfExists with a present key still checks every value (${OPS}: IfExists only for a missing key)`, 'ForAllValues:StringEqualsIfExists', 'aws:TagKeys', ['env'], { 'aws:TagKeys': ['env', 'team'] }, false),
    c(`ForAnyValue with a numeric operator (${SETS}: set operators on any operator)`, 'ForAnyValue:NumericGreaterThan', 'example:Sizes', '100', { 'example:Sizes': ['5', '500'] }, true),
  ]);
});
