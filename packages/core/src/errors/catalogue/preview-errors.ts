import { def } from "./define.js";

// Built-in preview errors (issue 4).
export const PREVIEW_ERRORS = {
  DOCGATE_PREVIEW_BUSY: def(
    503,
    "The preview service is busy.",
    "预览服务繁忙。",
    "Too many documents are waiting for conversion; try again in a moment. Operators can raise the preview pool size or queue length.",
    "等待转换的文档过多，请稍后重试。管理员可以调大预览进程池或队列长度。",
    true,
  ),
  DOCGATE_CONVERSION_TIMEOUT: def(
    504,
    "Converting the document for preview took too long.",
    "文档预览转换超时。",
    "The document may be very large or complex. Download it, or ask the operator to raise the preview conversion timeout.",
    "文档可能过大或过于复杂。请下载查看，或请管理员调大预览转换超时时间。",
  ),
  DOCGATE_FILE_CORRUPT: def(
    422,
    "The file is damaged and cannot be previewed.",
    "文件已损坏，无法预览。",
    "Check that the file opens in an office application, and that its extension matches its content.",
    "请确认该文件能用办公软件打开，并且扩展名与文件内容相符。",
  ),
  DOCGATE_FILE_PASSWORD_PROTECTED: def(
    422,
    "The file is password-protected and cannot be previewed.",
    "文件受密码保护，无法预览。",
    "Remove the open password in an office application and upload the file again, or download it.",
    "请在办公软件中取消打开密码后重新上传，或直接下载查看。",
  ),
  DOCGATE_FORMAT_UNSUPPORTED: def(
    415,
    "This file format cannot be previewed.",
    "不支持预览该文件格式。",
    "Preview supports office files (docx, xlsx, pptx, odt, doc, xls, ppt and similar), pdf, images (png, jpg, gif, bmp, webp, svg) and text (txt, md, csv, json, code).",
    "预览支持办公文档（docx、xlsx、pptx、odt、doc、xls、ppt 等）、pdf、图片（png、jpg、gif、bmp、webp、svg）和文本（txt、md、csv、json、代码）。",
  ),
  DOCGATE_CONVERSION_LIMIT: def(
    422,
    "The document needs more memory or processor time than the preview allows.",
    "文档预览所需的内存或处理时间超出了限制。",
    "The document may be extremely large, or built to exhaust the converter (a compressed bomb, endless recalculation). Download it if you trust it, or ask the operator about preview.workerMemoryLimitMb and preview.jobCpuLimitMs.",
    "文档可能极大，或被刻意构造为耗尽转换资源（压缩炸弹、无休止的重算）。如信任该文件可下载查看，或请管理员检查 preview.workerMemoryLimitMb 和 preview.jobCpuLimitMs。",
  ),
  DOCGATE_FORMAT_DISGUISED: def(
    415,
    "The file is a web page saved with an office extension and cannot be previewed as an office document.",
    "该文件实为以办公文档扩展名保存的网页，无法按办公文档预览。",
    "Web pages are never opened by the office converter, because they can load content from the network. Save the file in a real office format, or give it the .html extension.",
    "网页不会交给办公文档转换器打开，因为网页会从网络加载内容。请将文件另存为真正的办公文档格式，或使用 .html 扩展名。",
  ),
  DOCGATE_PREVIEW_SANDBOX_UNAVAILABLE: def(
    503,
    "The preview sandbox cannot run on this server, so documents are not converted.",
    "此服务器无法运行预览沙箱，因此不转换文档。",
    'preview.sandbox is "required": install bubblewrap (apt-get install bubblewrap) and allow user namespaces (in Docker: a seccomp profile that permits them). `docgate doctor` shows why the sandbox fails. Only where that is impossible, set preview.sandbox to "preferred" and read docs/security.md first.',
    'preview.sandbox 为 "required"：请安装 bubblewrap（apt-get install bubblewrap）并允许用户命名空间（Docker 中需使用允许它的 seccomp 配置）。`docgate doctor` 会显示沙箱失败的原因。仅在确实无法做到时，才将 preview.sandbox 设为 "preferred"，并先阅读 docs/security.md。',
  ),
  DOCGATE_CONVERSION_FAILED: def(
    500,
    "The document could not be converted for preview.",
    "文档预览转换失败。",
    "Try again; if it keeps failing, quote the request id to the operator; details are in docgate's log.",
    "请重试；若仍然失败，请将请求 ID 提供给管理员，详细信息记录在 docgate 日志中。",
    true,
  ),
};
