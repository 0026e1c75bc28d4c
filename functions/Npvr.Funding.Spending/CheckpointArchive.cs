using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Spending;

/// <summary>
/// Signed checkpoints outside the journal table (issue 12): a blob container that in Azure has a time-based
/// immutability policy (bicep/), so a blob once written can be neither changed nor deleted; locally Azurite's blob
/// service. One blob per region and tree size, "{regionId}/{9999999999999 - treeSize}.json" (so the first blob listed
/// is the latest), created only if absent, with treeSize and rootHash also as metadata so a walk can list them all
/// without reading each. Contradictions are written as "alarms/{regionId}/{ticks}.json", never over a checkpoint.
/// </summary>
public sealed class CheckpointArchive
{
    public const string ContainerSetting = "Audit:CheckpointContainer";
    public const string DefaultContainer = "journal-checkpoints";
    private const long MaxTreeSize = 9_999_999_999_999;
    private const string AlarmPrefix = "alarms/";

    private readonly Lazy<Task<BlobContainerClient>> _container;

    public CheckpointArchive(BlobContainerClient container) =>
        _container = new Lazy<Task<BlobContainerClient>>(async () =>
        {
            await container.CreateIfNotExistsAsync();
            return container;
        });

    /// <summary>Storage:BlobEndpoint with the managed identity (Azure), else the blob endpoint of Storage:ConnectionString (Azurite).</summary>
    public static CheckpointArchive FromConfiguration(IConfiguration configuration)
    {
        // Containers are named in lower case; the table prefix keeps test runs sharing one Azurite apart here too.
        var name = ((configuration["Storage:TablePrefix"] ?? "") + (configuration[ContainerSetting] ?? DefaultContainer)).ToLowerInvariant();
        if (configuration["Storage:BlobEndpoint"] is { Length: > 0 } endpoint)
            return new CheckpointArchive(new BlobServiceClient(new Uri(endpoint), new DefaultAzureCredential()).GetBlobContainerClient(name));
        var connectionString = configuration["Storage:ConnectionString"];
        if (string.IsNullOrEmpty(connectionString) || !connectionString.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("Journal checkpoints need blob storage: set Storage__BlobEndpoint (Azure) or a Storage__ConnectionString with a BlobEndpoint (Azurite's blob service).");
        return new CheckpointArchive(new BlobServiceClient(connectionString).GetBlobContainerClient(name));
    }

    public static string BlobName(string regionId, long treeSize) => $"{regionId}/{MaxTreeSize - treeSize:D13}.json";

    public async Task<Checkpoint?> LatestAsync(string regionId, CancellationToken cancellationToken)
    {
        var container = await _container.Value.WaitAsync(cancellationToken);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = regionId + "/" }, cancellationToken))
            return await ReadAsync(container.GetBlobClient(blob.Name), cancellationToken);
        return null;
    }

    /// <summary>The checkpoint stored for that size, if any.</summary>
    public async Task<Checkpoint?> AtAsync(string regionId, long treeSize, CancellationToken cancellationToken)
    {
        var container = await _container.Value.WaitAsync(cancellationToken);
        var blob = container.GetBlobClient(BlobName(regionId, treeSize));
        try
        {
            return await ReadAsync(blob, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// (treeSize, rootHash) of every checkpoint of the region, smallest first, at most <paramref name="limit"/> (one
    /// listing; a checkpoint is written per link pass, so a region has far fewer than entries).
    /// </summary>
    public async Task<List<(long TreeSize, string RootHash)>> AllAsync(string regionId, int limit, CancellationToken cancellationToken)
    {
        var container = await _container.Value.WaitAsync(cancellationToken);
        var all = new List<(long, string)>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = regionId + "/", Traits = BlobTraits.Metadata }, cancellationToken))
        {
            if (blob.Metadata.TryGetValue("treeSize", out var size) && blob.Metadata.TryGetValue("rootHash", out var root))
                all.Add((long.Parse(size, System.Globalization.CultureInfo.InvariantCulture), root));
            if (all.Count >= limit) break;
        }
        all.Reverse();
        return all;
    }

    /// <summary>Stores the checkpoint unless one of its size exists; answers the one stored for that size (the given one when it was new).</summary>
    public async Task<Checkpoint> AddAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var container = await _container.Value.WaitAsync(cancellationToken);
        var blob = container.GetBlobClient(BlobName(checkpoint.RegionId, checkpoint.TreeSize));
        try
        {
            await blob.UploadAsync(BinaryData.FromString(FundingJson.Serialize(checkpoint.ToJson())), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string>
                {
                    ["treeSize"] = checkpoint.TreeSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["rootHash"] = checkpoint.RootHash,
                },
            }, cancellationToken);
            return checkpoint;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return await ReadAsync(blob, cancellationToken);
        }
    }

    public async Task RaiseAlarmAsync(string regionId, JObject alarm, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var container = await _container.Value.WaitAsync(cancellationToken);
        var name = $"{AlarmPrefix}{regionId}/{MaxTreeSize - now.UtcTicks / TimeSpan.TicksPerMillisecond:D13}-{Guid.NewGuid():N}.json";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(FundingJson.Serialize(alarm)), cancellationToken);
    }

    /// <summary>The latest alarm raised for the region, if any.</summary>
    public async Task<JObject?> LatestAlarmAsync(string regionId, CancellationToken cancellationToken)
    {
        var container = await _container.Value.WaitAsync(cancellationToken);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{AlarmPrefix}{regionId}/" }, cancellationToken))
        {
            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            return (JObject)FundingJson.Parse(content.Value.Content.ToString());
        }
        return null;
    }

    private static async Task<Checkpoint> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var content = await blob.DownloadContentAsync(cancellationToken);
        return Checkpoint.FromJson((JObject)FundingJson.Parse(content.Value.Content.ToString()));
    }
}
