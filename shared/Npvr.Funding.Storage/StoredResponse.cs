using Azure.Data.Tables;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>The first answer to an Idempotency-Key, kept so a retry gets the same answer.</summary>
public static class StoredResponse
{
    public static TableEntity ToEntity(string partitionKey, string idempotencyKey, string requestFingerprint, HttpResult response) =>
        new(partitionKey, RowKeys.Idempotency(idempotencyKey))
        {
            ["RequestFingerprint"] = requestFingerprint,
            ["Status"] = response.Status,
            ["Body"] = response.Body,
            ["ContentType"] = response.ContentType,
        };

    public static (string Fingerprint, HttpResult Response) FromEntity(TableEntity entity) =>
        (entity.GetString("RequestFingerprint") ?? "",
         new HttpResult(entity.GetInt32("Status") ?? 500, entity.GetString("Body") ?? "", entity.GetString("ContentType") ?? "application/json"));
}
