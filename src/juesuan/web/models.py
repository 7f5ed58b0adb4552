"""The platform's data: organisations and roles, department-years with their workflow, immutable
uploaded versions, processing jobs, findings, reviewer comments and overrides, online texts, and
an append-only audit log. Money is stored exactly (DecimalField, 万元 with two decimals as the
documents print it); files live under the data folder and are reached only through views."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    BUREAU, DEPARTMENT, UNIT = "bureau", "department", "unit"
    KINDS = [(BUREAU, "财政局"), (DEPARTMENT, "部门"), (UNIT, "单位")]
    name = models.CharField("名称", max_length=200)
    code = models.CharField("编码", max_length=40, blank=True)
    kind = models.CharField("类型", max_length=20, choices=KINDS)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级")

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        ordering = ["kind", "code", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"

    @property
    def department(self) -> "Organisation | None":
        """The department this organisation belongs to (itself for a department)."""
        if self.kind == self.UNIT:
            return self.parent
        return self if self.kind == self.DEPARTMENT else None

    @property
    def bureau(self) -> "Organisation":
        org = self
        while org.parent_id is not None and org.kind != self.BUREAU:
            org = org.parent
        return org


class Membership(models.Model):
    ADMIN, REVIEWER, PREPARER, HEAD = "admin", "reviewer", "preparer", "head"
    ROLES = [(ADMIN, "管理员"), (REVIEWER, "审核人"), (PREPARER, "填报人"), (HEAD, "部门负责人")]
    BUREAU_ROLES = (ADMIN, REVIEWER)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name="用户")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members", verbose_name="机构")
    role = models.CharField("角色", max_length=20, choices=ROLES)

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user.username}（{self.organisation.name} {self.get_role_display()}）"

    @property
    def is_bureau(self) -> bool:
        return self.role in self.BUREAU_ROLES


class DepartmentYear(models.Model):
    DRAFT, SUBMITTED, REVIEWING, RETURNED, APPROVED, PUBLISHED = "draft", "submitted", "reviewing", "returned", "approved", "published"
    STATES = [(DRAFT, "草稿"), (SUBMITTED, "已提交"), (REVIEWING, "审核中"), (RETURNED, "退回"), (APPROVED, "已审核"), (PUBLISHED, "已公开")]
    # a department's 部门决算 or a unit's 单位决算: the organisation whose year this is
    department = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="years", verbose_name="部门/单位")
    year = models.PositiveIntegerField("年度")
    # the profile of the year's latest processed version (its file names it); blank until one is processed
    profile = models.CharField("模板", max_length=40, blank=True, default="")
    status = models.CharField("状态", max_length=20, choices=STATES, default=DRAFT)
    updated_at = models.DateTimeField("最后变更", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "部门/单位年度决算"
        unique_together = [("department", "year")]
        ordering = ["-year", "department__code", "department__name"]

    def __str__(self) -> str:
        return f"{self.department.name} {self.year}年度"

    def latest_version(self) -> "Version | None":
        return self.versions.order_by("-number").first()


class Version(models.Model):
    """One upload. Immutable: a correction is a new version; nothing is overwritten."""

    WORKBOOK, MODEL, DOCUMENT = "workbook", "model", "document"
    KINDS = [(WORKBOOK, "填报工作簿"), (MODEL, "模型 JSON"), (DOCUMENT, "已公开文档（核查）")]
    department_year = models.ForeignKey(DepartmentYear, on_delete=models.PROTECT, related_name="versions", verbose_name="部门年度")
    number = models.PositiveIntegerField("版本号")
    kind = models.CharField("类型", max_length=20, choices=KINDS)
    original_name = models.CharField("原文件名", max_length=255)
    stored_path = models.CharField(max_length=500)  # relative to FILES_DIR
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField("字节数")
    note = models.CharField("说明", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="上传人")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "版本"
        unique_together = [("department_year", "number")]
        ordering = ["-number"]

    def save(self, *args, **kwargs):
        if self.pk is not None and Version.objects.filter(pk=self.pk).exists():
            raise ValueError("版本不可修改：请上传新版本")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("版本不可删除")

    def __str__(self) -> str:
        return f"{self.department_year} 第{self.number}版"


class Processing(models.Model):
    """The background job of a version (build, check or audit) and what it produced."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, "排队中"), (RUNNING, "处理中"), (DONE, "已完成"), (FAILED, "失败")]
    version = models.OneToOneField(Version, on_delete=models.CASCADE, related_name="processing")
    state = models.CharField("状态", max_length=20, choices=STATES, default=QUEUED)
    stage = models.CharField("进度", max_length=100, default="排队等待")
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    message = models.TextField("错误信息", blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    infos = models.PositiveIntegerField("提示", default=0)
    department_name = models.CharField(max_length=200, blank=True)
    total_expenditure = models.DecimalField("支出总计（万元）", max_digits=20, decimal_places=2, null=True)
    generated = models.BooleanField("已生成公开文档", default=False)
    texts_applied = models.JSONField(default=dict)  # the online texts this build used
    gaps = models.JSONField(default=list)  # [key, label] of each reason the built narrative marks 待补充
    updated_at = models.DateTimeField(auto_now=True)


class Finding(models.Model):
    SEVERITIES = [("error", "错误"), ("warning", "警告"), ("info", "提示")]
    ORDER = {"error": 0, "warning": 1, "info": 2}
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="findings")
    index = models.PositiveIntegerField()
    rule = models.CharField(max_length=40)
    severity = models.CharField(max_length=10, choices=SEVERITIES)
    title = models.CharField(max_length=200, blank=True)
    message = models.TextField()
    location = models.TextField(blank=True)
    place = models.CharField("工作表/单元格或页/行", max_length=200, blank=True)
    suggestion = models.TextField(blank=True)
    expected = models.CharField(max_length=100, blank=True)
    found = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["index"]


class ReviewComment(models.Model):
    department_year = models.ForeignKey(DepartmentYear, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(Version, null=True, on_delete=models.SET_NULL)
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField("意见")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class Override(models.Model):
    """A reviewer's recorded decision to let a version with 错误 generate its documents."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="overrides")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    reason = models.TextField("理由")
    created_at = models.DateTimeField(auto_now_add=True)


class Text(models.Model):
    """A text no accounting software holds (原因说明 by key, 政府采购, 国有资产, 绩效), per department-year."""

    department_year = models.ForeignKey(DepartmentYear, on_delete=models.CASCADE, related_name="texts")
    key = models.CharField(max_length=120)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("department_year", "key")]
        ordering = ["key"]


class AuditEvent(models.Model):
    """Append-only record of who did what, when, from where. Rows are never changed or deleted."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.CharField("用户", max_length=150, blank=True)
    action = models.CharField("操作", max_length=60)
    target = models.CharField("对象", max_length=300, blank=True)
    detail = models.TextField("详情", blank=True)
    ip = models.CharField("来源地址", max_length=64, blank=True)
    bureau = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = verbose_name_plural = "操作日志"
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("操作日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("操作日志不能删除")


class LoginFailure(models.Model):
    """Failed logins, for rate limiting across processes."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
