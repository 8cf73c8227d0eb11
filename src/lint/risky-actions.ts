/**
 * The documented action lists behind resource-exposure, credentials-exposure and data-exfiltration. Each list
 * names its sources; a test checks that every action exists in the catalogue.
 */

/**
 * Actions that write a resource-based policy, ACL or sharing attribute — who else may use the resource. These
 * are the resource-policy-writing part of the Service Authorization Reference's "Permissions management" access
 * level; the selection follows Cloudsplaining's "Resource Exposure" category
 * (https://cloudsplaining.readthedocs.io/en/latest/glossary/resource-exposure/) and AWS's list of resources
 * that support resource-based policies (IAM User Guide, "AWS services that work with IAM").
 */
export const RESOURCE_EXPOSURE_ACTIONS: readonly string[] = [
  'acm-pca:PutPolicy',
  'apigateway:UpdateRestApiPolicy',
  'backup:PutBackupVaultAccessPolicy',
  'codeartifact:PutDomainPermissionsPolicy',
  'codeartifact:PutRepositoryPermissionsPolicy',
  'dynamodb:PutResourcePolicy',
  'ec2:ModifyImageAttribute',
  'ec2:ModifySnapshotAttribute',
  'ecr:PutRegistryPolicy',
  'ecr:SetRepositoryPolicy',
  'ecr-public:SetRepositoryPolicy',
  'elasticfilesystem:PutFileSystemPolicy',
  'events:PutPermission',
  'glacier:SetVaultAccessPolicy',
  'glue:PutResourcePolicy',
  'iam:UpdateAssumeRolePolicy',
  'kinesis:PutResourcePolicy',
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
  'lambda:AddLayerVersionPermission',
  'lambda:AddPermission',
  'logs:PutDestinationPolicy',
  'logs:PutResourcePolicy',
  'mediastore:PutContainerPolicy',
  'ram:CreateResourceShare',
  'rds:ModifyDBClusterSnapshotAttribute',
  'rds:ModifyDBSnapshotAttribute',
  's3:DeleteBucketPolicy',
  's3:PutAccessPointPolicy',
  's3:PutAccountPublicAccessBlock',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  'secretsmanager:DeleteResourcePolicy',
  'secretsmanager:PutResourcePolicy',
  'serverlessrepo:PutApplicationPolicy',
  'sns:AddPermission',
  'sns:SetTopicAttributes',
  'sqs:AddPermission',
  'sqs:SetQueueAttributes',
  'ssm:ModifyDocumentPermission',
];

/**
 * Actions that mint credentials for another identity or reveal stored ones. From Cloudsplaining's "Credentials
 * Exposure" list (https://gist.github.com/kmcquade/33860a617e651104d243c324ddf7992a) with these changes:
 * `ecr:GetAuthorizationToken` is left out (the token only authenticates to ECR, where repository permissions
 * still apply; Cloudsplaining and checkov CKV_AWS_107 exclude it too); `sts:AssumeRole*` are left out (trust
 * policies decide them; assuming any role is privilege-escalation's `sts-assume-role-any`); `sts:GetSessionToken`
 * is left out (it returns the caller's own permissions); added from the API references: `ec2:GetPasswordData`
 * (decrypts a Windows instance's administrator password), `lightsail:DownloadDefaultKeyPair`,
 * `redshift:GetClusterCredentialsWithIAM`, `redshift-serverless:GetCredentials`, `gamelift:GetInstanceAccess`,
 * `iam:UpdateLoginProfile` (sets another user's console password); left out because IAM policies cannot grant
 * them (they are not in the Service Authorization Reference): `iot:AssumeRoleWithCertificate` (authorized by
 * IoT policies), `sso:GetRoleCredentials` (authorized by the portal's bearer token).
 */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
  'codepipeline:PollForJobs',
  'cognito-identity:GetCredentialsForIdentity',
  'cognito-identity:GetOpenIdToken',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'cognito-idp:AssociateSoftwareToken',
  'connect:GetFederationToken',
  'ec2:GetPasswordData',
  'gamelift:GetInstanceAccess',
  'gamelift:RequestUploadCredentials',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateAccessKey',
  'iam:UpdateLoginProfile',
  'lightsail:DownloadDefaultKeyPair',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'mediapackage:RotateIngestEndpointCredentials',
  'rds-db:connect',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'sts:GetFederationToken',
];

/**
 * Reads that return secret values or stored data. Cloudsplaining's "Data Exfiltration" category
 * (https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/: `s3:GetObject`,
 * `ssm:GetParameter`, `ssm:GetParameters`, `ssm:GetParametersByPath`, `secretsmanager:GetSecretValue`) plus the
 * equivalents that return the same data another way: object versions, parameter history and KMS decryption.
 * (`secretsmanager:BatchGetSecretValue` needs `*` by design and reveals nothing without `GetSecretValue` on each
 * secret, so it is not listed.)
 */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  's3:GetObject',
  's3:GetObjectVersion',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameterHistory',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
];
