// Territoires d'industrie assistant: App Service (Linux, Node 20 or the container from
// deploy/azure/Dockerfile) + Storage account for bot state + Azure Bot with the Teams and
// Direct Line channels. Deploy into an existing resource group:
//
//   az deployment group create -g <rg> -f deploy/azure/main.bicep \
//     -p @deploy/azure/main.parameters.example.json -p microsoftAppPassword=<secret>
//
// See docs/deploy.md for every parameter and the steps before and after.

targetScope = 'resourceGroup'

@description('Prefix for resource names, e.g. "ti-assistant". The web app is <baseName>-<suffix>.azurewebsites.net.')
@minLength(3)
@maxLength(20)
param baseName string

@description('Region of the App Service and the Storage account. The Azure Bot itself is global.')
param location string = resourceGroup().location

@description('Makes names unique per resource group; keep the default unless a name is taken.')
param nameSuffix string = take(uniqueString(resourceGroup().id), 6)

@description('App Service plan SKU (Linux). B1 is the smallest with Always On; use P0v3/P1v3 for production load.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('Azure Bot pricing tier: F0 (free, standard channels only with message limits on premium ones) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Bot identity type, the same value the app reads as MicrosoftAppType. Azure is retiring the creation of new multi-tenant bots, so SingleTenant is the default; UserAssignedMSI would need a user-assigned identity this template does not create.')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param microsoftAppType string = 'SingleTenant'

@description('Application (client) ID of the bot\'s Entra ID app registration.')
@minLength(36)
@maxLength(36)
param microsoftAppId string

@description('Client secret of that app registration.')
@secure()
param microsoftAppPassword string

@description('Directory (tenant) ID of the app registration; used for SingleTenant.')
param microsoftAppTenantId string = tenant().tenantId

@description('Direct Line secret for the web chat token endpoint. Azure only creates the key when the channel is created, and ARM does not return it on deployment: leave empty on the first run, then read it (az bot directline show --with-secrets) and redeploy or set the app setting. See docs/deploy.md.')
@secure()
param directLineSecret string = ''

@description('Origins allowed to call the Direct Line token endpoint from a browser, comma separated (CORS_ORIGINS).')
param corsOrigins string = ''

@description('Direct Line enhanced authentication: tokens only valid from corsOrigins. Needs a token endpoint that sends trustedOrigin; off by default.')
param directLineEnhancedAuth bool = false

@description('Token for the administration endpoints (ADMIN_TOKEN, at least 16 characters); empty disables them.')
@secure()
param adminToken string = ''

@description('SMTP URL for contact-request notifications (SMTP_URL), e.g. smtps://user:pass@smtp.example.org:465; empty disables e-mail.')
@secure()
param smtpUrl string = ''

@description('Sender address of notifications (NOTIFY_FROM).')
param notifyFrom string = ''

@description('Territory list used when the user does not choose one (DEFAULT_WAVE).')
param defaultWave string = '2023'

@description('Conversation state (chat memory and unfinished drafts) untouched for this many days is deleted: by the app (STATE_RETENTION_DAYS) and by a lifecycle rule on the state container.')
@minValue(1)
@maxValue(365)
param stateRetentionDays int = 30

@description('Container image to run, e.g. myregistry.azurecr.io/ti-assistant:1.0.0. Empty: run the Node 20 code deployed by zip deploy.')
param containerImage string = ''

@description('Pull the container image from Azure Container Registry with the web app\'s managed identity (grant it AcrPull, see docs/deploy.md).')
param acrUseManagedIdentity bool = true

var webAppName = '${baseName}-${nameSuffix}'
var botName = '${baseName}-bot-${nameSuffix}'
// Storage account names: 3-24 lowercase letters and digits, globally unique.
var storageName = take(toLower(replace('${baseName}${nameSuffix}st', '-', '')), 24)
var stateContainerName = 'bot-state'
// Requests, outbox records, knowledge base and its history: shared by every instance, never purged by a lifecycle rule.
var dataContainerName = 'assistant-data'
// Notifications to deliver: every instance reads it (visibility timeout, dequeue count).
var outboxQueueName = 'contact-notifications'
var isContainer = !empty(containerImage)
var appPort = '3978'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true // botbuilder-azure-blobs authenticates with the connection string
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource dataContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: dataContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource outboxQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: outboxQueueName
}

// The app purges old conversation state itself only in its file store; in blob storage this rule
// does it (Azure runs lifecycle rules about once a day). Only the state container: the requests,
// the outbox and the knowledge base have their own retention, or none.
resource stateLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'delete-idle-conversation-state'
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${stateContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: stateRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan-${nameSuffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true // Linux
  }
}

var blobConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

var baseSettings = [
  { name: 'MicrosoftAppType', value: microsoftAppType }
  { name: 'MicrosoftAppId', value: microsoftAppId }
  { name: 'MicrosoftAppPassword', value: microsoftAppPassword }
  { name: 'MicrosoftAppTenantId', value: microsoftAppType == 'MultiTenant' ? '' : microsoftAppTenantId }
  { name: 'STORAGE', value: 'blob' }
  { name: 'BLOB_CONNECTION_STRING', value: blobConnectionString }
  { name: 'BLOB_CONTAINER', value: stateContainerName }
  { name: 'BLOB_DATA_CONTAINER', value: dataContainerName }
  { name: 'OUTBOX_QUEUE', value: outboxQueueName }
  { name: 'DIRECTLINE_SECRET', value: directLineSecret }
  { name: 'CORS_ORIGINS', value: corsOrigins }
  { name: 'ADMIN_TOKEN', value: adminToken }
  { name: 'SMTP_URL', value: smtpUrl }
  { name: 'NOTIFY_FROM', value: notifyFrom }
  { name: 'DEFAULT_WAVE', value: defaultWave }
  // App Service's front end is the one proxy in front of node: rate limits key on the client it
  // appends to X-Forwarded-For, and a request without that header (not through it) is refused.
  { name: 'TRUST_PROXY', value: 'true' }
  { name: 'STATE_RETENTION_DAYS', value: string(stateRetentionDays) }
  // /home is the App Service storage that survives restarts and redeployments. The live KB is in
  // the data container; KB_DIR seeds it (with the referents an earlier version's administrators
  // edited there). start.sh fills KB_DIR from the packaged data/kb (KB_SEED_DIR) the first time,
  // never overwrites an edited file, and refreshes schemes.json (not edited at run time).
  { name: 'STATE_DIR', value: '/home/ti-assistant/var' }
  { name: 'KB_DIR', value: '/home/ti-assistant/kb' }
  { name: 'KB_SEED_DIR', value: 'data/kb' }
  { name: 'NODE_ENV', value: 'production' }
]

var codeSettings = [
  // Zip deploy of a built package (dist/ + node_modules): nothing to build on the server.
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
]

var containerSettings = [
  { name: 'WEBSITES_PORT', value: appPort }
  { name: 'PORT', value: appPort }
  { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
]

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: isContainer ? 'app,linux,container' : 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: isContainer ? 'DOCKER|${containerImage}' : 'NODE|20-lts'
      appCommandLine: isContainer ? '' : 'sh deploy/azure/start.sh'
      acrUseManagedIdentityCreds: isContainer && acrUseManagedIdentity
      alwaysOn: true
      healthCheckPath: '/health'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      webSocketsEnabled: false
      appSettings: concat(baseSettings, isContainer ? containerSettings : codeSettings)
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'Territoires d\'industrie'
    description: 'Assistant Territoires d\'industrie : territoire, référents des opérateurs et dispositifs.'
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppType == 'MultiTenant' ? null : microsoftAppTenantId
    disableLocalAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Web chat'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: directLineEnhancedAuth
          trustedOrigins: empty(corsOrigins) ? [] : map(split(corsOrigins, ','), o => trim(o))
        }
      ]
    }
  }
}

output webAppName string = webApp.name
output webAppHostName string = webApp.properties.defaultHostName
@description('Value for BOT_DOMAIN when building the Teams package.')
output botDomain string = webApp.properties.defaultHostName
output messagingEndpoint string = bot.properties.endpoint
output botName string = bot.name
output storageAccountName string = storage.name
output webAppPrincipalId string = webApp.identity.principalId
