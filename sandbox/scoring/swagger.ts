// GET /swagger.json: the OpenAPI 2 document a managed online endpoint serves (shape of the AzureML
// inference server's), with the input and output schema of the model the chosen deployment runs and a
// Bearer security definition that says which credential this endpoint's auth mode takes.
// It must never include credentials or anything from the request other than what it describes.
import type { ScoringDeployment, ScoringEndpoint } from './catalog';

const CREDENTIAL_BY_MODE: Readonly<Record<ScoringEndpoint['authMode'], string>> = {
  Key: 'an endpoint key (POST .../onlineEndpoints/{name}/listKeys → primaryKey or secondaryKey)',
  AMLToken: 'an AML token (POST .../onlineEndpoints/{name}/token → accessToken)',
  AADToken: 'a Microsoft Entra access token for https://ml.azure.com (scope https://ml.azure.com/.default) with onlineEndpoints/score/action',
};

export function swaggerDocument(endpoint: ScoringEndpoint, deployment: ScoringDeployment): Record<string, unknown> {
  const model = deployment.model.description;
  return {
    swagger: '2.0',
    info: {
      title: endpoint.name,
      description: `API specification for the Azure Machine Learning online endpoint ${endpoint.name} (deployment ${deployment.name}: ${model.title})`,
      version: '1.0',
    },
    host: endpoint.hostname,
    basePath: '/',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: {
      Bearer: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        description: `Auth mode ${endpoint.authMode}: "Bearer " followed by ${CREDENTIAL_BY_MODE[endpoint.authMode]}.`,
      },
    },
    paths: {
      '/score': {
        post: {
          operationId: 'RunMLService',
          description: "Run web service's model and get the prediction output",
          security: [{ Bearer: [] }],
          parameters: [
            {
              name: 'serviceInputPayload',
              in: 'body',
              description: 'The input payload for executing the real-time machine learning service.',
              schema: { $ref: '#/definitions/ServiceInput' },
            },
            {
              name: 'azureml-model-deployment',
              in: 'header',
              type: 'string',
              required: false,
              description: 'Send the request to this deployment, whatever its traffic weight.',
            },
          ],
          responses: {
            '200': { description: 'The service processed the input correctly and provided a result prediction, if applicable.', schema: { $ref: '#/definitions/ServiceOutput' } },
            default: { description: 'The service failed to execute due to an error.', schema: { $ref: '#/definitions/ErrorResponse' } },
          },
        },
      },
    },
    definitions: {
      ServiceInput: { ...model.inputSchema, example: model.inputExample },
      ServiceOutput: { ...model.outputSchema, example: model.outputExample },
      ErrorResponse: { type: 'object', properties: { status_code: { type: 'integer', format: 'int32' }, message: { type: 'string' } } },
    },
  };
}
