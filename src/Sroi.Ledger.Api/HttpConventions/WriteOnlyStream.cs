namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// A stream an answer is written into and never read back or sought: what a wrapper of a response body needs to say it
/// does not do, said once (<c>Hosting/KestrelProblemAnswers</c>, <c>RateLimiting/KeptAnswer</c>).
/// </summary>
public abstract class WriteOnlyStream : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
